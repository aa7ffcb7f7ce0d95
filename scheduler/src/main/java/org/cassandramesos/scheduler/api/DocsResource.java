package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cassandramesos.apidocs.OpenApiHtml;

/** {@code GET /docs}: the API documentation, rendered once from the packaged openapi.yaml; no authentication. */
@Path("/docs")
public final class DocsResource {
    private final String page;

    public DocsResource() {
        this.page = OpenApiHtml.render(OpenApiSpec.load());
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String page() {
        return page;
    }
}

package org.cassandramesos.executor.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cassandramesos.apidocs.OpenApiDocument;
import org.cassandramesos.apidocs.OpenApiHtml;

/** {@code GET /docs}: the node API documentation, rendered once from the packaged node-api.yaml (token needed, like every route). */
@Path("/docs")
public final class NodeDocsResource {
    /** api-spec/node-api.yaml, as the api-spec module packages it. */
    public static final String SPEC = "/org/cassandramesos/apispec/node-api.yaml";

    private final String page;

    public NodeDocsResource() {
        this.page = OpenApiHtml.render(spec());
    }

    public static JsonNode spec() {
        return OpenApiDocument.load(SPEC);
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public String page() {
        return page;
    }
}

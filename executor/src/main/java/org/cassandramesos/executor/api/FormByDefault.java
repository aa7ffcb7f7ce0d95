package org.cassandramesos.executor.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * A POST without a Content-Type (e.g. {@code curl -X POST .../?restart=True}) is read as an empty form, so the
 * seed's form routes also take their parameters from the query string.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class FormByDefault implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED);
        }
    }
}

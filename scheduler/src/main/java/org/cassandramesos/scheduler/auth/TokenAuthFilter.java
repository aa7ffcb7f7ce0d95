package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.cassandramesos.protocol.AuthorizationHeader;

/**
 * Deny by default: every request, whatever its path (known, unknown, or a variant of a known one) and method, needs
 * a valid token, except the few exact {@link PublicRoutes}. It runs before Jersey matches a resource
 * ({@code @PreMatching}) and decides on the raw request path, so no spelling the router would still send to a
 * resource ({@code /v1;/plan}, {@code /v1/%70lan}, {@code //v1/plan}) gets past it. Takes the token from
 * {@code Authorization: token=<t>} (the DC/OS form) or {@code Authorization: Bearer <t>}; anything else is 401 with
 * a JSON body. The token itself is never logged.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class TokenAuthFilter extends AuthFilter<String, ApiPrincipal> {
    static final String REALM = "cassandra";

    @Override
    public void filter(ContainerRequestContext request) {
        if (PublicRoutes.isPublic(
                request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(),
                request.getUriInfo().getBaseUri().getRawPath())) {
            return;
        }
        String token = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (!authenticate(request, token, SecurityContext.BASIC_AUTH)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    /** The token in either accepted header form, or null. */
    static String credentials(String header) {
        return AuthorizationHeader.credentials(header).orElse(null);
    }

    public static final class Builder extends AuthFilterBuilder<String, ApiPrincipal, TokenAuthFilter> {
        @Override
        protected TokenAuthFilter newInstance() {
            return new TokenAuthFilter();
        }
    }
}

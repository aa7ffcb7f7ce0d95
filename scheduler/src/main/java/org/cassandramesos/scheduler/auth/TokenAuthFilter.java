package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.cassandramesos.protocol.AuthorizationHeader;

/**
 * Guards every {@code /v1} route. Takes the token from {@code Authorization: token=<t>} (the DC/OS
 * form) or {@code Authorization: Bearer <t>}; anything else is 401 with a JSON body. The token itself
 * is never logged.
 */
@Priority(Priorities.AUTHENTICATION)
public final class TokenAuthFilter extends AuthFilter<String, ApiPrincipal> {
    static final String REALM = "cassandra";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isProtected(request.getUriInfo().getPath())) {
            return;
        }
        String token = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (!authenticate(request, token, SecurityContext.BASIC_AUTH)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    static boolean isProtected(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("v1") || relative.startsWith("v1/");
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

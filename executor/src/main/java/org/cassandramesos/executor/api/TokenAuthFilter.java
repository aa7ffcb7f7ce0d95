package org.cassandramesos.executor.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.AuthorizationHeader;

/**
 * Every node API request must carry the node token: {@code Authorization: token=<t>} (the DC/OS service API's
 * form) or {@code Authorization: Bearer <t>}. Anything else gets 401 with a JSON reason.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class TokenAuthFilter implements ContainerRequestFilter {
    private final byte[] token;

    public TokenAuthFilter(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the node API token must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> presented = presentedToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            request.abortWith(unauthorized("missing Authorization header: use 'token=<token>' or 'Bearer <token>'"));
        } else if (!MessageDigest.isEqual(token, presented.get().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(unauthorized("invalid token"));
        }
    }

    /** The token in an Authorization header value, if it has one of the accepted forms. */
    static Optional<String> presentedToken(String header) {
        return AuthorizationHeader.credentials(header);
    }

    private static Response unauthorized(String reason) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("message", reason))
                .build();
    }
}

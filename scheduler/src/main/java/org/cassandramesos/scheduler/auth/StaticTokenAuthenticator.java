package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Accepts exactly one configured token; compared in constant time so timing does not leak it. */
public final class StaticTokenAuthenticator implements Authenticator<String, ApiPrincipal> {
    private final byte[] expected;

    public StaticTokenAuthenticator(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token auth needs a non-empty token (AUTH_TOKEN)");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String presented) {
        boolean valid = MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.of(new ApiPrincipal("token")) : Optional.empty();
    }
}

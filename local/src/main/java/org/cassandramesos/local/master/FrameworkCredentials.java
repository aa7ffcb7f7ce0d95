package org.cassandramesos.local.master;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic authentication of frameworks, as a master started with
 * {@code --authenticate_http_frameworks --http_framework_authenticators=basic --credentials=…}.
 * Empty = authentication off. Secrets are compared in constant time and never logged.
 */
public record FrameworkCredentials(Map<String, String> secrets) implements FrameworkAuthenticator {
    public static final FrameworkCredentials NONE = new FrameworkCredentials(Map.of());

    public FrameworkCredentials {
        secrets = Map.copyOf(secrets);
    }

    @Override
    public boolean enabled() {
        return !secrets.isEmpty();
    }

    /** The principal an {@code Authorization: Basic …} header proves, if it is valid. */
    @Override
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return Optional.empty();
        String principal = decoded.substring(0, colon);
        String expected = secrets.get(principal);
        if (expected == null) return Optional.empty();
        boolean ok = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return ok ? Optional.of(principal) : Optional.empty();
    }

    @Override
    public String challenge() {
        return "Basic realm=\"mesos\"";
    }

    @Override
    public String toString() {
        return "FrameworkCredentials" + secrets.keySet(); // principals only: secrets stay out of logs
    }
}

package org.cassandramesos.scheduler.frameworkauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP Basic authentication as the framework's principal with its secret ({@code MESOS_SECRET}), what a master
 * started with {@code --authenticate_http_frameworks --http_framework_authenticators=basic --credentials=…} checks.
 * The secret is never printed.
 */
public record BasicCredentials(String principal, String secret) implements FrameworkAuthentication {
    public BasicCredentials {
        Objects.requireNonNull(principal, "principal");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("MESOS_SECRET is empty");
        }
        if (principal.contains(":")) {
            // Basic's user-id may not contain a colon (RFC 7617): the master would read a different principal
            throw new IllegalArgumentException(
                    "FRAMEWORK_PRINCIPAL '" + principal + "' contains ':', which HTTP Basic " + "cannot carry");
        }
    }

    @Override
    public Optional<String> authorization() {
        return Optional.of("Basic "
                + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[principal=" + principal + ", secret=<redacted>]";
    }
}

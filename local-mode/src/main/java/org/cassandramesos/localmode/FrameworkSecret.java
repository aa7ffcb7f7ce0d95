package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's framework secret in local mode: the local master requires HTTP Basic authentication of frameworks
 * (as {@code --authenticate_http_frameworks --http_framework_authenticators=basic --credentials=…}), and the
 * scheduler sends {@code FRAMEWORK_PRINCIPAL} with this {@code MESOS_SECRET}. Generated on the first run and kept
 * owner-only (0600) in the data directory; it reaches the scheduler through its environment only (never a task's
 * environment, a command line or the master's state). {@link #toString()} never shows it.
 */
public record FrameworkSecret(String principal, String secret) {
    public static final String PRINCIPAL = "cassandra-principal";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The secret in {@code file}, or a new one written there first. */
    public static FrameworkSecret loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // in case it was copied around with looser modes
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IOException(file + " is empty: delete it (a new framework secret is made) or use --fresh");
            }
            return new FrameworkSecret(PRINCIPAL, value);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        FrameworkSecret secret = new FrameworkSecret(PRINCIPAL, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        // owner-only from its creation, complete or absent
        Path partial = Files.createTempFile(file.getParent(), ".framework-secret", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(partial, secret.secret(), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }

    /** What the local master checks: principal → secret. */
    public Map<String, String> masterCredentials() {
        return Map.of(principal, secret);
    }

    /** What the scheduler sends, as Marathon would set it (docs/framework-auth.md). */
    public Map<String, String> schedulerEnvironment() {
        return Map.of("FRAMEWORK_PRINCIPAL", principal, "MESOS_SECRET", secret);
    }

    @Override
    public String toString() {
        return "FrameworkSecret[principal=" + principal + ", secret=<redacted>]";
    }
}

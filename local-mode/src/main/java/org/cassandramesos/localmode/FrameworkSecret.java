package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scheduler's framework secret in local mode: the local master requires HTTP Basic authentication of frameworks
 * (as {@code --authenticate_http_frameworks --http_framework_authenticators=basic --credentials=…}), and the
 * scheduler sends {@code FRAMEWORK_PRINCIPAL} with this {@code MESOS_SECRET}. Generated on the first run and kept
 * owner-only (0600) in the data directory; it reaches the scheduler through its environment only (never a task's
 * environment, a command line or the master's state). {@link #toString()} never shows it.
 */
public record FrameworkSecret(String principal, String secret) {
    public static final String PRINCIPAL = "cassandra-principal";

    /** The secret in {@code file}, or a new one written there first. */
    public static FrameworkSecret loadOrCreate(Path file) throws IOException {
        String value = OwnerOnlyFile.loadOrCreate(file, OwnerOnlyFile::randomToken);
        if (value.isEmpty()) {
            throw new IOException(file + " is empty: delete it (a new framework secret is made) or use --fresh");
        }
        return new FrameworkSecret(PRINCIPAL, value);
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

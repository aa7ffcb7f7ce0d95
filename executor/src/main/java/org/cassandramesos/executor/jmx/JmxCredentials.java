package org.cassandramesos.executor.jmx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one JMX login of a Cassandra node: only its executor talks JMX to it, so the executor makes a random password
 * at start and never hands it to anyone. {@link #toString()} never shows the password.
 */
public record JmxCredentials(String user, String password) {
    public static final String USER = "cassandra-mesos-executor";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static JmxCredentials generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new JmxCredentials(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** What the JMX server reads: who may log in with which password, and with which access. */
    public record Files(Path passwordFile, Path accessFile) {}

    /**
     * Writes {@code jmxremote.password} and {@code jmxremote.access} into {@code dir}, readable by this user only
     * (0600 from creation, never briefly wider). Replaces files an earlier start left.
     */
    public Files write(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Path password = writePrivate(dir.resolve("jmxremote.password"), user + " " + password() + "\n");
        Path access = writePrivate(dir.resolve("jmxremote.access"), user + " readwrite\n");
        return new Files(password, access);
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        java.nio.file.Files.deleteIfExists(file);
        java.nio.file.Files.createFile(
                file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public String toString() {
        return "JmxCredentials[user=" + user + ", password=<redacted>]";
    }
}

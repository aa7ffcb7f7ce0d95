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
import java.util.Set;

/**
 * Local mode's ZooKeeper digest credential for the scheduler ({@code ZOOKEEPER_DIGEST}). Generated on the first
 * run and kept owner-only (0600) in the data directory: the scheduler's znodes are readable with this credential
 * only, so a restart on the same data must use it again. {@link #toString()} never shows the password.
 */
public record ZooKeeperDigest(String user, String password) {
    public static final String USER = "cassandra-mesos";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The credential in {@code file}, or a new one written there first. */
    public static ZooKeeperDigest loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // in case it was copied around with looser modes
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IOException(file + " does not hold a ZooKeeper digest credential (user:password); "
                        + "the scheduler's state cannot be read without the original one (--fresh starts over)");
            }
            return new ZooKeeperDigest(value.substring(0, colon), value.substring(colon + 1));
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        ZooKeeperDigest digest = new ZooKeeperDigest(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        // owner-only from its creation, complete or absent (a crash mid-write must not leave half a credential)
        Path partial = Files.createTempFile(file.getParent(), ".zookeeper-digest", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(partial, digest.value(), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return digest;
    }

    /** {@code user:password}: the scheduler's {@code ZOOKEEPER_DIGEST} and zkCli's {@code addauth digest} argument. */
    public String value() {
        return user + ":" + password;
    }

    @Override
    public String toString() {
        return "ZooKeeperDigest[user=" + user + ", password=<redacted>]";
    }
}

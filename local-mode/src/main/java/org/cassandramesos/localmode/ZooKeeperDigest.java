package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Local mode's ZooKeeper digest credential for the scheduler ({@code ZOOKEEPER_DIGEST}). Generated on the first
 * run and kept owner-only (0600) in the data directory: the scheduler's znodes are readable with this credential
 * only, so a restart on the same data must use it again. {@link #toString()} never shows the password.
 */
public record ZooKeeperDigest(String user, String password) {
    public static final String USER = "cassandra-mesos";

    /** The credential in {@code file}, or a new one written there first. */
    public static ZooKeeperDigest loadOrCreate(Path file) throws IOException {
        String value = OwnerOnlyFile.loadOrCreate(file, () -> USER + ":" + OwnerOnlyFile.randomToken());
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IOException(file + " does not hold a ZooKeeper digest credential (user:password); "
                    + "the scheduler's state cannot be read without the original one (--fresh starts over)");
        }
        return new ZooKeeperDigest(value.substring(0, colon), value.substring(colon + 1));
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

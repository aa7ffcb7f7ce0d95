package org.cassandramesos.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Who may read and write the scheduler's ZooKeeper state. {@code creator}: the scheduler authenticates with a
 * digest credential ({@code user:password}) and every znode it creates or finds under its root is
 * {@code CREATOR_ALL_ACL}, so only that credential (and a ZooKeeper super user) reads or changes anything;
 * {@code open}: no credential, {@code world:anyone} (not for production).
 *
 * @param digest the credential; empty exactly when the access is open
 */
public record ZooKeeperAccess(Optional<Digest> digest) {
    public static final String CREATOR = "creator";
    public static final String OPEN = "open";

    public ZooKeeperAccess {
        digest = digest == null ? Optional.empty() : digest;
    }

    public static ZooKeeperAccess creatorOnly(String userColonPassword) {
        return new ZooKeeperAccess(Optional.of(Digest.parse(userColonPassword)));
    }

    public static ZooKeeperAccess open() {
        return new ZooKeeperAccess(Optional.empty());
    }

    /**
     * From the settings {@code ZOOKEEPER_ACL} ({@code creator}, the default, or {@code open}) and
     * {@code ZOOKEEPER_DIGEST}. Refuses what would silently weaken or contradict the choice: {@code creator}
     * without a credential, {@code open} with one (the state would end up half locked), unknown modes.
     * Messages never contain the credential.
     */
    public static ZooKeeperAccess fromSettings(String acl, String digest) {
        String mode = acl == null || acl.isBlank() ? CREATOR : acl.trim().toLowerCase(Locale.ROOT);
        boolean hasDigest = digest != null && !digest.isEmpty();
        return switch (mode) {
            case CREATOR -> {
                if (!hasDigest) {
                    throw new IllegalArgumentException("ZOOKEEPER_DIGEST (user:password, a secret) is required: the "
                            + "scheduler makes its ZooKeeper state readable and writable by that credential only. "
                            + "ZOOKEEPER_ACL=open runs without one, leaving the state open to anyone who reaches "
                            + "ZooKeeper (not for production)");
                }
                yield creatorOnly(digest);
            }
            case OPEN -> {
                if (hasDigest) {
                    throw new IllegalArgumentException("ZOOKEEPER_ACL=open and ZOOKEEPER_DIGEST exclude each other: "
                            + "unset ZOOKEEPER_ACL (creator-only ACLs) or ZOOKEEPER_DIGEST");
                }
                yield open();
            }
            default ->
                throw new IllegalArgumentException(
                        "ZOOKEEPER_ACL must be '" + CREATOR + "' or '" + OPEN + "', got '" + acl + "'");
        };
    }

    public boolean isCreatorOnly() {
        return digest.isPresent();
    }

    /** The ACL of every znode the scheduler creates: its own credential, all permissions, nobody else. */
    public List<ACL> acl() {
        return isCreatorOnly() ? ZooDefs.Ids.CREATOR_ALL_ACL : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    /** Curator's provider for {@link #acl()}: used for every create, parents and recipe nodes included. */
    public ACLProvider aclProvider() {
        List<ACL> acl = acl();
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return acl;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl;
            }
        };
    }

    /** For logs: the mode and the digest user, never the password. */
    public String describe() {
        return digest.map(d -> "creator-only ACLs, digest user '" + d.user() + "'")
                .orElse("open ACLs (world:anyone)");
    }

    @Override
    public String toString() {
        return "ZooKeeperAccess[" + describe() + "]";
    }

    /** A ZooKeeper digest credential; {@link #toString()} never shows the password. */
    public record Digest(String user, String password) {
        public Digest {
            if (user == null || user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("the ZooKeeper digest user must be non-empty and contain no ':'");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the ZooKeeper digest password must not be empty");
            }
        }

        /** {@code user:password}; the password may contain ':' (ZooKeeper splits at the first one). */
        public static Digest parse(String userColonPassword) {
            int colon = userColonPassword == null ? -1 : userColonPassword.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("ZOOKEEPER_DIGEST must have the form user:password");
            }
            return new Digest(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
        }

        /** What Curator sends as {@code digest} authentication, as zkCli's {@code addauth digest user:password}. */
        public byte[] authBytes() {
            return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Digest[user=" + user + ", password=<redacted>]";
        }
    }
}

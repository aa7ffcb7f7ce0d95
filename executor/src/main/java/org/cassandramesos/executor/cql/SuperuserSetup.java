package org.cassandramesos.executor.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.cql.Row;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.cassandramesos.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster's CQL superuser exist and the default {@code cassandra} login useless, from any node, any number
 * of times, by any number of nodes at once. Cassandra 5.0 creates {@code cassandra}/{@code cassandra} (a superuser)
 * once no role exists and its setup delay passed; the first node that can log in with it creates our superuser (the
 * same name and password on every node, so concurrent attempts agree), then, logged in as that superuser, takes
 * {@code cassandra}'s superuser status, login and password away. Every later run only checks. {@code system_auth}
 * follows the ring up to three replicas in the node's datacenter, one replica at a time with a repair after each, so a
 * quorum read of a role always reaches a replica that holds it.
 */
public final class SuperuserSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SuperuserSetup.class);
    static final CqlCredentials DEFAULT_LOGIN = new CqlCredentials("cassandra", "cassandra");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the node's CQL is, and how to repair {@code system_auth} on it after its replication grew. */
    public record Node(
            String ip,
            int port,
            String datacenter,
            Optional<TlsMaterial> tls,
            int ringSize,
            IntConsumer repairSystemAuth) {}

    private SuperuserSetup() {}

    /**
     * Whether {@code superuser} can log in and the default login is disabled, doing what is missing; false when it
     * cannot be done yet (the default role not created yet, or roles not yet readable): ask again later.
     */
    public static boolean ensure(Node node, CqlCredentials superuser) {
        Optional<CqlSession> asSuperuser = login(node, superuser);
        if (asSuperuser.isEmpty()) {
            Optional<CqlSession> asDefault = login(node, DEFAULT_LOGIN);
            if (asDefault.isEmpty()) {
                return false;
            }
            try (CqlSession session = asDefault.get()) {
                growSystemAuth(session, node);
                session.execute(createSuperuser(superuser));
                LOG.info("created the CQL superuser {}", superuser.user());
            }
            asSuperuser = login(node, superuser);
            if (asSuperuser.isEmpty()) {
                return false;
            }
        }
        try (CqlSession session = asSuperuser.get()) {
            Row defaultRole = session.execute("SELECT can_login, is_superuser FROM system_auth.roles WHERE role = '"
                            + DEFAULT_LOGIN.user() + "'")
                    .one();
            if (defaultRole != null
                    && (defaultRole.getBoolean("can_login") || defaultRole.getBoolean("is_superuser"))) {
                session.execute(disableDefaultRole(randomPassword()));
                LOG.info("disabled the default CQL login '{}'", DEFAULT_LOGIN.user());
            }
            growSystemAuth(session, node);
            return true;
        }
    }

    private static Optional<CqlSession> login(Node node, CqlCredentials credentials) {
        try {
            return Optional.of(CqlSessions.open(
                    node.ip(), node.port(), node.datacenter(), Optional.of(credentials), node.tls(), REQUEST_TIMEOUT));
        } catch (AllNodesFailedException e) {
            boolean refused = e.getAllErrors().values().stream()
                    .flatMap(java.util.List::stream)
                    .anyMatch(error -> error instanceof AuthenticationException);
            LOG.debug("CQL login as {} {}", credentials.user(), refused ? "refused" : "failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Raises {@code system_auth}'s replicas in this datacenter one at a time, repairing after each, up to the goal. */
    private static void growSystemAuth(CqlSession session, Node node) {
        int wanted = wantedReplication(node.ringSize());
        // Not from the driver's schema metadata: it leaves system keyspaces out by default.
        Row row = session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'")
                .one();
        int current =
                row == null ? 0 : replication(row.getMap("replication", String.class, String.class), node.datacenter());
        while (current < wanted) {
            current++;
            session.execute(systemAuthReplication(node.datacenter(), current));
            LOG.info("system_auth now has {} replicas in {}; repairing it", current, node.datacenter());
            node.repairSystemAuth().accept(current);
        }
    }

    /** Three replicas where the ring has that many nodes, else one per node. */
    static int wantedReplication(int ringSize) {
        return Math.max(1, Math.min(3, ringSize));
    }

    /** Replicas in {@code datacenter} by a keyspace's replication map (NetworkTopologyStrategy or SimpleStrategy). */
    static int replication(Map<String, String> replication, String datacenter) {
        String strategy = replication.getOrDefault("class", "");
        String value = strategy.endsWith("SimpleStrategy")
                ? replication.get("replication_factor")
                : replication.get(datacenter);
        if (value == null) {
            return 0;
        }
        // "3" or, with transient replication, "3/1"
        return Integer.parseInt(value.split("/")[0].trim());
    }

    static String createSuperuser(CqlCredentials superuser) {
        return "CREATE ROLE IF NOT EXISTS " + literal(superuser.user())
                + " WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = " + literal(superuser.password());
    }

    static String disableDefaultRole(String newPassword) {
        return "ALTER ROLE " + literal(DEFAULT_LOGIN.user())
                + " WITH SUPERUSER = false AND LOGIN = false AND PASSWORD = " + literal(newPassword);
    }

    static String systemAuthReplication(String datacenter, int replicas) {
        return "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', "
                + literal(datacenter) + ": " + replicas + "}";
    }

    /** A CQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package org.cassandramesos.executor.backup;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.cassandramesos.executor.cql.CqlSessions;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.SnapshotCatalog;

/**
 * A CQL session to this executor's own node, for the schema work of backup (DESCRIBE) and restore (CREATE ... IF NOT
 * EXISTS). Every request is bounded; schema changes wait for the ring to agree.
 */
final class LocalCql implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;

    private LocalCql(CqlSession session) {
        this.session = session;
    }

    /** Logged in as the cluster's superuser when CQL requires logins. */
    static LocalCql connect(CassandraNode node) {
        return new LocalCql(CqlSessions.open(
                node.ip(),
                node.spec().ports().nativeTransport(),
                node.spec().datacenter(),
                node.cqlLogin(),
                node.tls(),
                REQUEST_TIMEOUT));
    }

    /** Keyspaces a user created (Cassandra's own excluded), sorted. */
    List<String> userKeyspaces() {
        return List.copyOf(new TreeSet<>(session.getMetadata().getKeyspaces().keySet().stream()
                .map(id -> id.asInternal())
                .filter(name -> !SnapshotCatalog.SYSTEM_KEYSPACES.contains(name))
                .toList()));
    }

    /** Cassandra's own CREATE statements for the keyspace and everything in it (server-side DESCRIBE). */
    List<String> describe(String keyspace) {
        return session.execute("DESCRIBE KEYSPACE " + quote(keyspace)).all().stream()
                .map((Row row) -> row.getString("create_statement"))
                .toList();
    }

    void execute(String statement) {
        session.execute(statement);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        session.close();
    }
}

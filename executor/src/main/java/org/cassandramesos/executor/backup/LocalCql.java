package org.cassandramesos.executor.backup;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.SnapshotCatalog;
import org.cassandramesos.executor.tls.CqlTls;

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

    static LocalCql connect(CassandraNode node) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, REQUEST_TIMEOUT)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(node.ip(), node.spec().ports().nativeTransport()))
                .withLocalDatacenter(node.spec().datacenter())
                .withConfigLoader(config);
        node.tls().ifPresent(tls -> builder.withSslEngineFactory(CqlTls.engineFactory(tls)));
        return new LocalCql(builder.build());
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

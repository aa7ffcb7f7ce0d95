package org.cassandramesos.bench.backup;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * One real Cassandra node (256 MB heap) on {@value #IP} with a keyspace of incompressible blob rows. Compaction is
 * off on every table and {@code auto_snapshot} too, so a table's SSTables change only by a flush or a DROP: every run
 * backs up the same files, and a dropped table leaves nothing behind.
 */
final class LoadedNode implements AutoCloseable {
    /** Not 127.0.0.2–4/.11/.12: the CI tests use those and may run meanwhile. */
    static final String IP = "127.0.0.21";

    static final String KEYSPACE = "bench";
    static final int ROW_BYTES = 4096;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final CassandraNode node;
    private CqlSession session;

    private LoadedNode(CassandraNode node) {
        this.node = node;
    }

    /** Starts the node in {@code dir} from the unpacked cassandra-dist tree; the caller closes it. */
    static LoadedNode start(Path cassandraHome, Path dir) throws Exception {
        CassandraNodeSpec spec = new CassandraNodeSpec(
                "node-0",
                "bench",
                "config-1",
                List.of(IP),
                "dc1",
                "rack-0",
                new CassandraNodeSpec.Ports(freePort(), freePort(), freePort(), freePort()),
                256,
                16,
                Optional.empty(),
                true,
                "volume",
                Map.of("auto_snapshot", false));
        LoadedNode loaded = new LoadedNode(new CassandraNode(
                spec, IP, new NodeLayout(cassandraHome, dir.resolve("volume"), dir.resolve("run")), exit -> {}));
        try {
            loaded.node.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!loaded.node.ready()) {
                if (!loaded.node.isRunning() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cassandra on " + IP + " not ready within " + START_TIMEOUT
                            + "; see " + loaded.node.layout().systemLog());
                }
                Thread.sleep(500);
            }
            loaded.session = CqlSession.builder()
                    .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                    .withLocalDatacenter(spec.datacenter())
                    .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                            .build())
                    .build();
            loaded.session.execute("CREATE KEYSPACE " + KEYSPACE
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            return loaded;
        } catch (Exception | Error e) {
            loaded.close();
            throw e;
        }
    }

    CassandraNode node() {
        return node;
    }

    /** Creates {@code table} and writes about {@code bytes} of random 4 KiB blobs into it, then flushes it. */
    void fill(String table, long bytes, long seed) throws InterruptedException {
        session.execute("CREATE TABLE " + KEYSPACE + "." + table + " (id int PRIMARY KEY, payload blob)"
                + " WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'enabled': 'false'}");
        PreparedStatement insert =
                session.prepare("INSERT INTO " + KEYSPACE + "." + table + " (id, payload) VALUES (?, ?)");
        Random random = new Random(seed);
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
        for (int i = 0; i < bytes / ROW_BYTES; i++) {
            byte[] payload = new byte[ROW_BYTES];
            random.nextBytes(payload);
            inFlight.acquire();
            writes.add(session.executeAsync(insert.bind(i, ByteBuffer.wrap(payload)))
                    .toCompletableFuture()
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        node.withJmx(jmx -> {
            jmx.flush(KEYSPACE, List.of(table));
            return null;
        });
    }

    /** Drops {@code table}; without auto_snapshot its SSTables are deleted. */
    void drop(String table) {
        session.execute("DROP TABLE " + KEYSPACE + "." + table);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(IP))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Cassandra (SIGTERM, then SIGKILL); safe to call twice. */
    @Override
    public void close() {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            node.close();
        }
    }
}

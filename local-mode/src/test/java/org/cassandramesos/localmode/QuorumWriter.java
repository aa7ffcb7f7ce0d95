package org.cassandramesos.localmode;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client writing rows at QUORUM, one after another, while a fault happens; afterwards every acknowledged row is read
 * back at ALL. Bounded: it stops by itself after {@code maxRows}.
 */
final class QuorumWriter implements AutoCloseable {
    /** @param errors the first few failures, as the driver reported them */
    record Result(int acknowledged, int failed, int lost, List<String> errors) {}

    private final CqlSession session;
    private final String prefix;
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    QuorumWriter(
            List<InetSocketAddress> contactPoints,
            String user,
            String password,
            String table,
            String prefix,
            int maxRows) {
        this.session = CqlSession.builder()
                .addContactPoints(contactPoints)
                .withLocalDatacenter("datacenter1")
                .withAuthCredentials(user, password)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .build())
                .build();
        this.prefix = prefix;
        // the README walkthrough creates the same table; a test run alone must not depend on it
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + table.substring(0, table.indexOf('.'))
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        session.execute("CREATE TABLE IF NOT EXISTS " + table + " (k text PRIMARY KEY, v text)");
        PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)");
        this.thread = new Thread(
                () -> {
                    for (int i = 0; i < maxRows && !stop.get(); i++) {
                        String key = prefix + i;
                        try {
                            // idempotent (same key, same value), as a careful client marks it: the driver may then
                            // retry a
                            // write whose coordinator died mid-request on another node instead of failing it
                            session.execute(insert.bind(key, "v" + i)
                                    .setConsistencyLevel(ConsistencyLevel.QUORUM)
                                    .setIdempotent(true));
                            acknowledged.add(key);
                        } catch (RuntimeException e) {
                            if (failed.incrementAndGet() <= 5) {
                                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                            }
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "quorum-writer");
        thread.start();
    }

    /** Stops writing, then reads every acknowledged row back at ALL. */
    Result finish(String table) throws InterruptedException {
        stop.set(true);
        thread.join(30_000);
        PreparedStatement read = session.prepare("SELECT v FROM " + table + " WHERE k = ?");
        int lost = 0;
        for (String key : acknowledged) {
            Row row = session.execute(read.bind(key).setConsistencyLevel(ConsistencyLevel.ALL))
                    .one();
            if (row == null) {
                lost++;
            }
        }
        return new Result(acknowledged.size(), failed.get(), lost, List.copyOf(errors));
    }

    @Override
    public void close() {
        stop.set(true);
        session.close();
    }

    @Override
    public String toString() {
        return "QuorumWriter[" + prefix + "]";
    }
}

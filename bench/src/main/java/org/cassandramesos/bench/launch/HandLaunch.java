package org.cassandramesos.bench.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.executor.jmx.JmxCassandraClient;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.node.CqlProbe;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * Cassandra started by hand: the same distribution, config files and command line the executor builds
 * ({@link NodeCommand}), started with a ProcessBuilder and polled
 * until CQL answers OPTIONS with SUPPORTED and JMX says NORMAL — the executor's readiness test.
 */
final class HandLaunch {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path cassandraHome;

    /** @param cassandraHome the extracted cassandra-dist tarball ({@code lib/}, {@code conf/}) */
    HandLaunch(Path cassandraHome) {
        this.cassandraHome = cassandraHome;
    }

    /** One fresh node in {@code runDir}: seconds from process start to ready. */
    double run(Path runDir) throws Exception {
        CassandraNodeSpec spec = BenchNode.spec(0);
        NodeCommand node = NodeCommand.prepare(
                cassandraHome,
                spec,
                BenchNode.IP,
                runDir,
                ProcessHandle.current().pid());
        NodeLayout layout = node.layout();
        ProcessBuilder builder = new ProcessBuilder(node.command())
                .directory(layout.runDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(layout.stdoutLog().toFile());

        long start = System.nanoTime();
        Process cassandra = builder.start();
        try {
            long deadline = start + TIMEOUT.toNanos();
            while (!ready(node)) {
                if (!cassandra.isAlive()) {
                    throw new IllegalStateException(
                            "Cassandra exited with " + cassandra.exitValue() + "; see " + layout.stdoutLog());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Cassandra not ready within " + TIMEOUT + "; see " + layout.systemLog());
                }
                Thread.sleep(POLL.toMillis());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            stop(cassandra);
        }
    }

    private static boolean ready(NodeCommand node) {
        CassandraNodeSpec spec = node.spec();
        if (!CqlProbe.answers(BenchNode.IP, spec.ports().nativeTransport(), Duration.ofSeconds(2))) {
            return false;
        }
        try (JmxCassandraClient jmx =
                JmxCassandraClient.connect(BenchNode.IP, spec.ports().jmx(), node.jmx(), Duration.ofSeconds(5))) {
            return jmx.status().normal();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void stop(Process cassandra) throws InterruptedException {
        cassandra.destroy();
        if (!cassandra.waitFor(60, TimeUnit.SECONDS)) {
            cassandra.destroyForcibly();
            cassandra.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

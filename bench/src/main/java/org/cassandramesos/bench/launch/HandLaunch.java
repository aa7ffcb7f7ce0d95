package org.cassandramesos.bench.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cassandramesos.executor.config.CassandraYaml;
import org.cassandramesos.executor.config.JvmOptions;
import org.cassandramesos.executor.config.RackDcProperties;
import org.cassandramesos.executor.jmx.JmxCassandraClient;
import org.cassandramesos.executor.node.CqlProbe;
import org.cassandramesos.executor.node.NodeLayout;
import org.cassandramesos.executor.process.ParentWatchAgentJar;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * Cassandra started by hand: the same distribution, config files and command line the executor builds (its own
 * {@link CassandraYaml}, {@link RackDcProperties} and {@link JvmOptions}), started with a ProcessBuilder and polled
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
        NodeLayout layout = new NodeLayout(cassandraHome, runDir.resolve(BenchNode.VOLUME_PATH), runDir.resolve("cassandra-run"));
        layout.createDirectories();
        CassandraYaml.write(CassandraYaml.render(spec, BenchNode.IP, layout), layout.cassandraYaml());
        RackDcProperties.write(spec, layout.rackDcProperties());
        List<String> command = JvmOptions.command(new JvmOptions.Inputs(spec, BenchNode.IP, layout,
                Path.of(System.getProperty("java.home"), "bin", "java"), jamm(layout),
                Optional.of(ParentWatchAgentJar.write(layout.runDir())), ProcessHandle.current().pid()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.runDir().toFile())
                .redirectErrorStream(true).redirectOutput(layout.stdoutLog().toFile());

        long start = System.nanoTime();
        Process cassandra = builder.start();
        try {
            long deadline = start + TIMEOUT.toNanos();
            while (!ready(spec)) {
                if (!cassandra.isAlive()) {
                    throw new IllegalStateException("Cassandra exited with " + cassandra.exitValue() + "; see " + layout.stdoutLog());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cassandra not ready within " + TIMEOUT + "; see " + layout.systemLog());
                }
                Thread.sleep(POLL.toMillis());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            stop(cassandra);
        }
    }

    private static boolean ready(CassandraNodeSpec spec) {
        if (!CqlProbe.answers(BenchNode.IP, spec.ports().nativeTransport(), Duration.ofSeconds(2))) {
            return false;
        }
        try (JmxCassandraClient jmx = JmxCassandraClient.connect(BenchNode.IP, spec.ports().jmx(), Duration.ofSeconds(5))) {
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

    private static Path jamm(NodeLayout layout) throws IOException {
        try (Stream<Path> jars = Files.list(layout.libDir())) {
            return jars.filter(p -> p.getFileName().toString().matches("jamm-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no jamm jar in " + layout.libDir()));
        }
    }
}

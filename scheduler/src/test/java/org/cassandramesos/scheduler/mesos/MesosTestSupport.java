package org.cassandramesos.scheduler.mesos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.scheduler.config.DiskType;
import org.cassandramesos.scheduler.config.ExecutorConfig;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.PortsConfig;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.cassandramesos.scheduler.config.ServiceConfig;

/** Small clusters, small nodes and short timings for component tests of the Mesos side. */
public final class MesosTestSupport {
    public static final String NODE_API_TOKEN = "node-api-token-" + java.util.UUID.randomUUID();
    public static final String CQL_PASSWORD = "cql-password-" + java.util.UUID.randomUUID();

    private MesosTestSupport() {}

    /** A local Mesos of stock agents (no secret store): executors get the node API token by message. */
    public static LocalMesos mesos(Path workDir, int agents) throws IOException {
        return LocalMesos.start(config(workDir, agents).build());
    }

    /** The timings of {@link #mesos}, to be changed further (e.g. short agent ping timeouts). */
    public static LocalMesosConfig.Builder config(Path workDir, int agents) {
        return LocalMesosConfig.builder(workDir)
                .agents(agents, AgentSpec.of(2, 4096, 8192).withPorts(31000, 31099))
                .heartbeatInterval(Duration.ofSeconds(1))
                .allocationInterval(Duration.ofMillis(200))
                .statusUpdateRetryInterval(Duration.ofSeconds(1))
                .executorShutdownGracePeriod(Duration.ofSeconds(2))
                .executorRegistrationTimeout(Duration.ofSeconds(30));
    }

    /** {@code count} tiny nodes run by {@link TestCassandraExecutor}, one per agent, dynamic ports. */
    static ServiceConfig service(String name, String zookeeper, int count, int seeds) {
        return service(name, zookeeper, count, seeds, TestCassandraExecutor.command());
    }

    /** Artifacts the agent fetches (plain files: the test executor runs from the test classpath). */
    public static String artifact(String name) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "cassandra-mesos-test-artifacts");
            java.nio.file.Files.createDirectories(dir);
            Path file = dir.resolve(name);
            if (!java.nio.file.Files.exists(file)) {
                java.nio.file.Files.writeString(file, "stand-in for " + name + "\n");
            }
            return file.toUri().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ServiceConfig service(String name, String zookeeper, int count, int seeds, String executorCommand) {
        ServiceConfig defaults = ServiceConfig.defaults(name);
        return new ServiceConfig(
                name,
                defaults.role(),
                defaults.principal(),
                System.getProperty("user.name"),
                zookeeper,
                Duration.ofHours(1),
                new NodesConfig(count, seeds, 0.1, 64, 16, 32, DiskType.ROOT),
                PortsConfig.allDynamic(),
                defaults.placement(),
                defaults.cassandra(),
                new ExecutorConfig(
                        artifact("executor.txt"),
                        artifact("cassandra.txt"),
                        artifact("java-runtime.txt"),
                        0.05,
                        32,
                        executorCommand),
                defaults.auth(),
                new RetryPolicy(3, Duration.ofMillis(300), Duration.ofSeconds(1)),
                Duration.ofSeconds(5),
                true);
    }

    static MesosSettings fastSettings() {
        return new MesosSettings(
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                Duration.ofMinutes(15),
                Duration.ofSeconds(2),
                MesosSettings.defaults().launchTimeout());
    }

    /** The index of the local agent with {@code ip} (127.0.0.2 is agent 0). */
    static int agentIndex(String ip) {
        return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)) - 2;
    }
}

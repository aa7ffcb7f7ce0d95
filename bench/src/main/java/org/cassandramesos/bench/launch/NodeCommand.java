package org.cassandramesos.bench.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cassandramesos.executor.config.CassandraYaml;
import org.cassandramesos.executor.config.JvmOptions;
import org.cassandramesos.executor.config.RackDcProperties;
import org.cassandramesos.executor.jmx.JmxCredentials;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.process.AgentJars;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * One Cassandra node made ready to start the way the executor would: its directories, {@code cassandra.yaml} and
 * rackdc written by the executor's own {@link CassandraYaml} and {@link RackDcProperties}, and the command line its
 * {@link JvmOptions} builds (parent-watch agent included, watching {@code watchedPid}).
 *
 * @param spec    what the node runs as
 * @param ip      the address it binds
 * @param layout  its files
 * @param command the JVM command line, to run in {@link NodeLayout#runDir()}
 * @param jmx     the JMX login the node's JMX server accepts
 */
public record NodeCommand(
        CassandraNodeSpec spec, String ip, NodeLayout layout, List<String> command, JmxCredentials jmx) {

    public NodeCommand {
        command = List.copyOf(command);
    }

    /**
     * @param cassandraHome the extracted cassandra-dist tarball ({@code lib/}, {@code conf/})
     * @param runDir        a fresh directory for this node's volume, config and logs
     * @param watchedPid    the process whose death ends Cassandra (the executor's role; here the harness)
     */
    public static NodeCommand prepare(
            Path cassandraHome, CassandraNodeSpec spec, String ip, Path runDir, long watchedPid) throws IOException {
        NodeLayout layout =
                new NodeLayout(cassandraHome, runDir.resolve(spec.volumePath()), runDir.resolve("cassandra-run"));
        layout.createDirectories();
        CassandraYaml.write(CassandraYaml.render(spec, ip, layout), layout.cassandraYaml());
        RackDcProperties.write(spec, layout.rackDcProperties());
        JmxCredentials jmx = JmxCredentials.generate();
        JmxCredentials.Files jmxFiles = jmx.write(layout.runDir());
        List<String> command = JvmOptions.command(new JvmOptions.Inputs(
                spec,
                ip,
                layout,
                Path.of(System.getProperty("java.home"), "bin", "java"),
                jamm(layout),
                Optional.of(AgentJars.parentWatch(layout.runDir())),
                watchedPid,
                new JvmOptions.JmxServer(
                        AgentJars.jmxServer(layout.runDir()), jmxFiles.passwordFile(), jmxFiles.accessFile())));
        return new NodeCommand(spec, ip, layout, command, jmx);
    }

    private static Path jamm(NodeLayout layout) throws IOException {
        try (Stream<Path> jars = Files.list(layout.libDir())) {
            return jars.filter(p -> p.getFileName().toString().matches("jamm-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no jamm jar in " + layout.libDir()));
        }
    }
}

package org.cassandramesos.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
    private final NodeLayout layout =
            new NodeLayout(Path.of("/opt/cassandra"), Path.of("/sandbox/volume"), Path.of("/sandbox/run"));

    private List<String> command(CassandraNodeSpec spec) {
        return JvmOptions.command(new JvmOptions.Inputs(
                spec,
                "10.0.0.7",
                layout,
                Path.of("/jdk/bin/java"),
                Path.of("/opt/cassandra/lib/jamm-0.4.0.jar"),
                Optional.of(Path.of("/sandbox/run/parent-watch-agent.jar")),
                4242,
                new JvmOptions.JmxServer(
                        Path.of("/sandbox/run/jmx-server-agent.jar"),
                        Path.of("/sandbox/run/jmxremote.password"),
                        Path.of("/sandbox/run/jmxremote.access"))));
    }

    @Test
    void runsCassandraDaemonWithTheSpecHeapAndExitsOnOutOfMemory() {
        List<String> cmd = command(TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of()));

        assertThat(cmd.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(cmd)
                .contains(
                        "-Xms256m",
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:+UseG1GC",
                        "-javaagent:/opt/cassandra/lib/jamm-0.4.0.jar",
                        "-javaagent:/sandbox/run/parent-watch-agent.jar=4242",
                        "-Dcassandra.config=file:///sandbox/run/conf/cassandra.yaml",
                        "-Dcassandra-rackdc.properties=file:///sandbox/run/conf/cassandra-rackdc.properties",
                        "-Dlogback.configurationFile=file:///opt/cassandra/conf/logback.xml",
                        "-Dcassandra.logdir=/sandbox/run/logs",
                        "-Dcassandra-foreground=yes");
        assertThat(cmd.subList(cmd.size() - 3, cmd.size()))
                .containsExactly(
                        "-cp", "/sandbox/run/conf:/opt/cassandra/conf:/opt/cassandra/lib/*", JvmOptions.MAIN_CLASS);
    }

    @Test
    void attachesTheMetricsExporterOnTheNodeIpAndMetricsPortWithTheShippedRules() {
        List<String> cmd = command(TestSpecs.spec(
                List.of("10.0.0.1"), new CassandraNodeSpec.Ports(9042, 7000, 7199, 9001, 7070), Map.of()));

        assertThat(cmd)
                .contains("-javaagent:/opt/cassandra/metrics/jmx_prometheus_javaagent.jar=10.0.0.7:7070:"
                        + "/opt/cassandra/metrics/cassandra-rules.yaml");
    }

    @Test
    void runsWithoutTheMetricsExporterWhenTheNodeHasNoMetricsPort() {
        List<String> cmd = command(
                TestSpecs.spec(List.of("10.0.0.1"), new CassandraNodeSpec.Ports(9042, 7000, 7199, 9001), Map.of()));

        assertThat(cmd).noneMatch(arg -> arg.contains("jmx_prometheus_javaagent"));
    }

    @Test
    void carriesEveryJava17ModuleFlag() {
        List<String> cmd = command(TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of()));

        assertThat(String.join(" ", cmd))
                .contains(
                        "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED",
                        "--add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED",
                        "--add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED",
                        "--add-opens java.base/java.lang=ALL-UNNAMED",
                        "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED",
                        "--add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
                        "-Dio.netty.tryReflectionSetAccessible=true");
    }

    @Test
    void servesJmxThroughOurAgentOnTheNodeIpWithLoginFilesAndNoPassword() {
        List<String> cmd = command(
                TestSpecs.spec(List.of("10.0.0.1"), new CassandraNodeSpec.Ports(9042, 7000, 7299, 5051), Map.of()));

        assertThat(cmd)
                .contains(
                        "-Dcassandra-mesos.jmx.host=10.0.0.7",
                        "-Dcassandra-mesos.jmx.port=7299",
                        "-Dcassandra-mesos.jmx.password.file=/sandbox/run/jmxremote.password",
                        "-Dcassandra-mesos.jmx.access.file=/sandbox/run/jmxremote.access",
                        "-javaagent:/sandbox/run/jmx-server-agent.jar");
        // Neither the JDK agent (unauthenticated local connector) nor Cassandra's own JMX server (every interface).
        assertThat(cmd)
                .noneMatch(arg -> arg.startsWith("-Dcom.sun.management.jmxremote")
                        || arg.startsWith("-Dcassandra.jmx.")
                        || arg.contains("allowAttachSelf"));
    }

    @Test
    void fastStartShortensRingDelayOnlyWhenAsked() {
        CassandraNodeSpec fast = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());
        CassandraNodeSpec production = new CassandraNodeSpec(
                "node-0",
                "c",
                "cfg",
                List.of("10.0.0.1"),
                "dc1",
                "rack1",
                TestSpecs.fixedPorts(),
                4096,
                16,
                Optional.empty(),
                false,
                "volume",
                Map.of());

        assertThat(command(fast))
                .contains("-Dcassandra.ring_delay_ms=1000", "-Dcassandra.skip_wait_for_gossip_to_settle=0");
        assertThat(command(production))
                .noneMatch(arg -> arg.contains("ring_delay") || arg.contains("gossip_to_settle"));
    }

    @Test
    void replacesTheDeadNodeOnFirstBootWhenTheSpecSaysSo() {
        CassandraNodeSpec replacing = new CassandraNodeSpec(
                "node-2",
                "c",
                "cfg",
                List.of("10.0.0.1"),
                "dc1",
                "rack1",
                TestSpecs.fixedPorts(),
                4096,
                16,
                Optional.of("10.0.0.9"),
                false,
                "volume",
                Map.of());

        assertThat(command(replacing)).contains("-Dcassandra.replace_address_first_boot=10.0.0.9");
        assertThat(command(TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of())))
                .noneMatch(arg -> arg.contains("replace_address"));
    }

    @Test
    void withCqlLoginsTheDefaultSuperuserComesSoonSoTheExecutorCanReplaceIt() {
        CassandraNodeSpec spec = TestSpecs.spec(List.of("10.0.0.1"), TestSpecs.fixedPorts(), Map.of());

        assertThat(command(spec.withCqlAuthentication("admin"))).contains("-Dcassandra.superuser_setup_delay_ms=1000");
        assertThat(command(spec)).noneMatch(arg -> arg.contains("superuser_setup_delay"));
    }
}

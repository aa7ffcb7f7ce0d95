package org.cassandramesos.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jmx.NodeStatus;
import org.cassandramesos.executor.jmx.RepairOutcome;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Three real nodes on 127.0.0.2–4 form one ring; JMX repair, cleanup and decommission work across it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeRingTest {
    private static final List<String> IPS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    private static final Duration READY = Duration.ofSeconds(180);

    @TempDir
    static Path dir;

    private static final List<CassandraNode> nodes = new ArrayList<>();
    private static final List<Long> pids = new ArrayList<>();
    private static CassandraNodeSpec.Ports ports;

    @BeforeAll
    static void startRing() throws Exception {
        ports = TestSpecs.freePorts(IPS.toArray(String[]::new));
        for (int i = 0; i < IPS.size(); i++) {
            CassandraNodeSpec spec = new CassandraNodeSpec(
                            "node-" + i,
                            "ring-test",
                            "config-1",
                            List.of(IPS.get(0)),
                            "dc1",
                            "rack" + (i + 1),
                            ports,
                            256,
                            16,
                            Optional.empty(),
                            true,
                            "volume",
                            Map.of())
                    .withCqlAuthentication(TestSpecs.ADMIN.user());
            Path volume = dir.resolve("node-" + i + "/volume");
            Path run = dir.resolve("node-" + i + "/run");
            // One node joins at a time, as the scheduler does; and as the scheduler retries a failed step, a node that
            // lost the fast-start gossip race is started again (that race only, at most twice)
            for (int attempt = 1; ; attempt++) {
                AtomicReference<ProcessExit> exit = new AtomicReference<>();
                CassandraNode node = new CassandraNode(
                        spec,
                        IPS.get(i),
                        new NodeLayout(TestSpecs.cassandraHome(), volume, run),
                        Optional.of(TestSpecs.ADMIN),
                        exit::set);
                pids.add(node.start());
                await().atMost(READY)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> exit.get() != null || node.ready());
                if (exit.get() == null) {
                    nodes.add(node);
                    break;
                }
                String why = String.join("\n", exit.get().logTail());
                if (attempt == 3 || !isGossipStartRace(why)) {
                    throw new AssertionError("node-" + i + " exited while starting: "
                            + exit.get().reason() + "\n" + why);
                }
                System.out.println("node-" + i + " lost the fast-start gossip race; starting it again");
            }
        }
    }

    /**
     * With fast_start (1 s ring delay) a joining node on a loaded machine can give up before its first gossip round
     * with the seed completes.
     */
    private static boolean isGossipStartRace(String log) {
        return log.contains("Unable to contact any seeds") || log.contains("Unable to gossip with any peers");
    }

    @AfterAll
    static void stopRing() throws Exception {
        CompletableFuture.allOf(nodes.stream()
                        .map(n -> CompletableFuture.runAsync(n::close))
                        .toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .as("pid %d", pid)
                    .isIn(Optional.empty(), Optional.of(false));
        }
    }

    private static CqlSession session() {
        return session(IPS.get(0), TestSpecs.ADMIN.user(), TestSpecs.ADMIN.password());
    }

    private static CqlSession session(String ip, String user, String password) {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(ip, ports.nativeTransport()))
                .withAuthCredentials(user, password)
                .withLocalDatacenter("dc1")
                // DDL waits for schema agreement and, with logins on, also grants the creator its permissions:
                // more than the driver's 2 s default on a busy machine
                .withConfigLoader(com.datastax.oss.driver.api.core.config.DriverConfigLoader.programmaticBuilder()
                        .withDuration(
                                com.datastax.oss.driver.api.core.config.DefaultDriverOption.REQUEST_TIMEOUT,
                                Duration.ofSeconds(60))
                        .build())
                .build();
    }

    @Test
    @Order(0)
    void theSuperuserLogsInOnEveryNodeTheDefaultLoginNowhereAndSystemAuthHasThreeReplicas() {
        for (String ip : IPS) {
            try (CqlSession session = session(ip, TestSpecs.ADMIN.user(), TestSpecs.ADMIN.password())) {
                assertThat(session.execute(
                                        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'")
                                .one()
                                .getMap("replication", String.class, String.class))
                        .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
                        .containsEntry("dc1", "3");
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> org.assertj.core.api.Assertions.assertThatThrownBy(
                                    () -> session(ip, "cassandra", "cassandra").close())
                            .isInstanceOf(com.datastax.oss.driver.api.core.AllNodesFailedException.class));
        }
    }

    @Test
    @Order(1)
    void everyNodeSeesTheOthersUpAndNormal() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (CassandraNode node : nodes) {
                NodeStatus status = node.status();
                assertThat(status.operationMode()).isEqualTo("NORMAL");
                assertThat(status.liveNodes()).containsExactlyInAnyOrderElementsOf(IPS);
                assertThat(status.unreachableNodes()).isEmpty();
            }
        });
        assertThat(nodes.stream().map(n -> n.status().rack()).toList()).containsExactly("rack1", "rack2", "rack3");
        assertThat(nodes.stream().map(n -> n.status().hostId()).distinct()).hasSize(3);
    }

    @Test
    @Order(2)
    void repairOfAReplicatedKeyspaceCompletesSuccessfully() throws Exception {
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE ring WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
            session.execute("CREATE TABLE ring.kv (k int PRIMARY KEY, v text)");
            for (int i = 0; i < 50; i++) {
                session.execute("INSERT INTO ring.kv (k, v) VALUES (?, ?)", i, "v" + i);
            }
        }
        nodes.get(0).withJmx(jmx -> {
            jmx.flush("ring", List.of());
            return null;
        });

        RepairOutcome outcome =
                nodes.get(0).withJmx(jmx -> jmx.repair("ring", Map.of())).get(120, TimeUnit.SECONDS);

        assertThat(outcome.success()).as(String.join("\n", outcome.messages())).isTrue();
        assertThat(outcome.command()).isPositive();
        assertThat(outcome.messages()).isNotEmpty();
    }

    @Test
    @Order(3)
    void decommissionIsRefusedBelowReplicationFactorUnlessForced() throws Exception {
        CassandraNode leaving = nodes.get(2);

        assertThatThrownBy(() -> leaving.withJmx(jmx -> {
                    jmx.decommission(false, Duration.ofMinutes(3));
                    return null;
                }))
                .isInstanceOf(JmxException.class)
                .hasMessageContaining("Not enough live nodes to maintain replication factor");
        leaving.withJmx(jmx -> {
            jmx.decommission(true, Duration.ofMinutes(3));
            return null;
        });

        assertThat(leaving.status().operationMode()).isEqualTo("DECOMMISSIONED");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(nodes.get(0).status().liveNodes())
                        .containsExactlyInAnyOrder(IPS.get(0), IPS.get(1)));
        nodes.get(0).withJmx(jmx -> {
            jmx.cleanup("ring", List.of(), Duration.ofMinutes(2));
            return null;
        });
        try (CqlSession session = session()) {
            assertThat(session.execute("SELECT count(*) FROM ring.kv").one().getLong(0))
                    .isEqualTo(50);
        }
    }
}

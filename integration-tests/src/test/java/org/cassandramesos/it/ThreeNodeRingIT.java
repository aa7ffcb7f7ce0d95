package org.cassandramesos.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.it.support.CassandraOnLocalMesos;
import org.cassandramesos.it.support.Cql;
import org.cassandramesos.it.support.NodePlan;
import org.cassandramesos.it.support.RingView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on agents 127.0.0.2–4, launched one at a time through the local Mesos (each next launch only after
 * the previous node is TASK_RUNNING), the first node the seed: they form one ring, and a framework teardown stops
 * them all without leaving a process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeRingIT {
    private static final List<String> IPS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");

    @TempDir
    static Path workDir;
    static CassandraOnLocalMesos cluster;
    static final List<NodePlan> nodes = new ArrayList<>();

    @BeforeAll
    static void startMesos() throws Exception {
        cluster = CassandraOnLocalMesos.start(workDir, IPS.size());
        for (int i = 0; i < IPS.size(); i++) {
            nodes.add(cluster.plan("node-" + i, i, List.of(IPS.get(0))));
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cluster.census().alive()).isEmpty());
        }
    }

    @Test
    @Order(1)
    void nodesLaunchedOneAtATimeWithTheFirstAsSeedFormOneRing() throws Exception {
        for (NodePlan node : nodes) {
            for (NodePlan earlier : nodes.subList(0, nodes.indexOf(node))) {
                assertThat(cluster.framework().statuses(cluster.currentTask(earlier))).extracting(s -> s.getState())
                        .as("%s launches only after %s runs", node.name(), earlier.name()).contains(TaskState.TASK_RUNNING);
            }
            assertThat(node.ip()).isEqualTo(IPS.get(node.agent()));
            cluster.launch(node);
        }
        cluster.launchRetries().forEach(failed -> System.out.println("retried after the fast-start gossip race: "
                + failed.getTaskId().getValue() + " " + failed.getMessage().lines().findFirst().orElse("")));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            for (NodePlan node : nodes) {
                RingView ring = RingView.of(node.ip(), node.ports().jmx());
                assertThat(ring.allUpNormal(IPS)).as("%s sees %s", node.name(), ring).isTrue();
                assertThat(ring.tokenToEndpoint()).hasSize(IPS.size() * NodePlan.NUM_TOKENS);
                assertThat(ring.tokenToEndpoint().values()).containsOnly(IPS.toArray(String[]::new));
            }
        });
        try (CqlSession session = Cql.session(IPS.get(0), CassandraOnLocalMesos.NATIVE_PORT)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(session.getMetadata().getNodes().values())
                    .hasSize(IPS.size()).allSatisfy(n -> assertThat(n.getState()).isEqualTo(NodeState.UP))
                    .extracting(ThreeNodeRingIT::ip).containsExactlyInAnyOrderElementsOf(IPS));
            assertThat(session.execute("SELECT peer FROM system.peers").all()).extracting(r -> r.getInetAddress("peer").getHostAddress())
                    .containsExactlyInAnyOrder(IPS.get(1), IPS.get(2));
        }
    }

    @Test
    @Order(2)
    void rowsWrittenThroughOneNodeAreReadAtConsistencyAllThroughAnother() {
        try (CqlSession first = Cql.session(IPS.get(0), CassandraOnLocalMesos.NATIVE_PORT)) {
            first.execute("CREATE KEYSPACE ring WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
            first.execute("CREATE TABLE ring.kv (k int PRIMARY KEY, v text)");
            for (int i = 0; i < 30; i++) {
                first.execute(SimpleStatement.newInstance("INSERT INTO ring.kv (k, v) VALUES (?, ?)", i, "v" + i)
                        .setConsistencyLevel(ConsistencyLevel.ALL));
            }
        }
        try (CqlSession last = Cql.session(IPS.get(2), CassandraOnLocalMesos.NATIVE_PORT)) {
            assertThat(last.execute(SimpleStatement.newInstance("SELECT count(*) FROM ring.kv")
                    .setConsistencyLevel(ConsistencyLevel.ALL)).one().getLong(0)).isEqualTo(30);
        }
    }

    @Test
    @Order(3)
    void tearingDownTheFrameworkStopsEveryNodeAndLeavesNoProcess() {
        assertThat(cluster.census().all()).hasSizeGreaterThanOrEqualTo(2 * IPS.size());
        assertThat(cluster.census().alive()).isNotEmpty();

        cluster.framework().teardown();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(cluster.census().alive()).isEmpty());
    }

    private static String ip(Node node) {
        return ((InetSocketAddress) node.getEndPoint().resolve()).getAddress().getHostAddress();
    }
}

package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/cassandra/keyspaces} on one real Cassandra node (256 MB heap) on 127.0.0.71: the replication of every
 * keyspace as the node's schema has it, which the scheduler checks a scale-in against. In order on one node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyspaceReplicationApiTest {
    private static final String IP = "127.0.0.71";
    private static final String TOKEN = "keyspaces-token";
    private static final Duration READY = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static NodeJobs jobs;
    private static NodeApiServer api;
    private static final List<Long> pids = new ArrayList<>();

    @BeforeAll
    static void startNode() throws Exception {
        spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = new NodeJobs(node, NodeJobKinds.all());
        api = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(60), ProcessCounters.system()),
                jobs,
                IP,
                spec.ports().nodeApi(),
                TOKEN);
        pids.add(node.start());
        await().atMost(READY).pollInterval(Duration.ofMillis(500)).until(node::ready);
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build()) {
            session.execute("CREATE KEYSPACE simple3 WITH replication = {'class': 'SimpleStrategy', "
                    + "'replication_factor': 3}");
            session.execute("CREATE KEYSPACE nts2 WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}");
        }
    }

    @AfterAll
    static void stopNode() {
        try {
            if (api != null) {
                api.close();
            }
            if (jobs != null) {
                jobs.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .as("Cassandra pid %d", pid)
                    .isIn(Optional.empty(), Optional.of(false));
        }
    }

    private static HttpResponse<String> http(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + IP + ":" + spec.ports().nodeApi() + path))
                        .header("Authorization", "token=" + TOKEN)
                        .timeout(Duration.ofSeconds(90))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> replicationOf(List<KeyspaceReplication> keyspaces, String name) {
        return keyspaces.stream()
                .filter(k -> k.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no keyspace " + name + " in " + keyspaces))
                .replication();
    }

    @Test
    @Order(1)
    void everyKeyspaceIsListedWithItsReplicationAsTheSchemaHasIt() throws Exception {
        HttpResponse<String> answer = http("GET", "/v1/cassandra/keyspaces");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<KeyspaceReplication> keyspaces =
                Arrays.asList(TaskData.mapper().readValue(answer.body(), KeyspaceReplication[].class));
        assertThat(replicationOf(keyspaces, "simple3"))
                .containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
                .containsEntry("replication_factor", "3");
        assertThat(replicationOf(keyspaces, "nts2"))
                .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
                .containsEntry("dc1", "2");
        // Cassandra's own keyspaces are there too, as the node counts them
        assertThat(replicationOf(keyspaces, "system"))
                .containsEntry("class", "org.apache.cassandra.locator.LocalStrategy");
        assertThat(replicationOf(keyspaces, "system_auth")).containsKey("class");
        assertThat(replicationOf(keyspaces, "system_distributed")).containsKey("class");
        assertThat(keyspaces).extracting(KeyspaceReplication::name).isSorted();
    }

    @Test
    @Order(2)
    void withoutCassandraRunningTheAnswerIs409() throws Exception {
        assertThat(http("POST", "/v1/cassandra/stop").statusCode()).isEqualTo(204);

        HttpResponse<String> answer = http("GET", "/v1/cassandra/keyspaces");

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(TaskData.mapper().readTree(answer.body()).path("message").asText())
                .isEqualTo("Cassandra is not running on this node");
    }
}

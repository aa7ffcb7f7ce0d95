package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs (repair, cleanup, upgradesstables) and seed 003's info on one real Cassandra node (256 MB heap) on 127.0.0.11,
 * driven over HTTP through the node API. The tests run in order on the same node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeOperationsApiTest {
    private static final String IP = "127.0.0.11";
    private static final String TOKEN = "ops-token";
    private static final Duration READY = Duration.ofSeconds(120);
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
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, item text)");
            session.execute(
                    "CREATE KEYSPACE analytics WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE analytics.events (id int PRIMARY KEY, kind text)");
            for (int i = 0; i < 50; i++) {
                session.execute("INSERT INTO shop.orders (id, item) VALUES (?, ?)", i, "item-" + i);
                session.execute("INSERT INTO analytics.events (id, kind) VALUES (?, ?)", i, "kind-" + i);
            }
        }
        node.withJmx(jmx -> {
            jmx.flush("shop", List.of());
            jmx.flush("analytics", List.of());
            return null;
        });
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

    /** A session with room for a schema change on a busy machine (the driver's 2 s default times out there). */
    private static CqlSession session() {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build();
    }

    private static HttpResponse<String> http(String path, String method, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + IP + ":" + spec.ports().nodeApi() + path))
                .header("Authorization", "token=" + TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return TaskData.mapper().readTree(response.body());
    }

    private static JsonNode awaitFinished(String id) throws Exception {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !json(http("/v1/jobs/" + id, "GET", null))
                        .get("state")
                        .asText()
                        .equals("RUNNING"));
        HttpResponse<String> finished = http("/v1/jobs/" + id, "GET", null);
        System.out.println("JOB_STATUS " + id + " " + finished.body());
        return json(finished);
    }

    @Test
    @Order(1)
    void repairOfEveryNonSystemKeyspaceSucceedsCountingKeyspaces() throws Exception {
        HttpResponse<String> put = http("/v1/jobs/repair-1", "PUT", "{\"kind\":\"repair\"}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        assertThat(json(put).get("state").asText()).isEqualTo("RUNNING");
        JsonNode done = awaitFinished("repair-1");
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("kind").asText()).isEqualTo("repair");
        assertThat(done.get("message").asText()).isEqualTo("repair done for 2 keyspaces: analytics, shop");
        assertThat(done.get("progress").get("files_total").asLong()).isEqualTo(2);
        assertThat(done.get("progress").get("files_done").asLong()).isEqualTo(2);
        assertThat(done.get("finished_ms").asLong())
                .isGreaterThanOrEqualTo(done.get("started_ms").asLong());
    }

    @Test
    @Order(2)
    void theSameJobIdAgainAnswers200WithItsStatusAndRunsNothing() throws Exception {
        JsonNode before = json(http("/v1/jobs/repair-1", "GET", null));

        HttpResponse<String> again = http("/v1/jobs/repair-1", "PUT", "{\"kind\":\"repair\"}");
        HttpResponse<String> deleteFinished = http("/v1/jobs/repair-1", "DELETE", null);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(before);
        assertThat(deleteFinished.statusCode()).isEqualTo(200);
        assertThat(json(deleteFinished).get("state").asText())
                .as("a finished job stays finished")
                .isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(3)
    void cleanupOfNamedTablesSucceeds() throws Exception {
        assertThat(http(
                                "/v1/jobs/cleanup-1",
                                "PUT",
                                "{\"kind\":\"cleanup\",\"keyspaces\":[\"shop\"],\"tables\":[\"orders\"]}")
                        .statusCode())
                .isEqualTo(202);

        JsonNode done = awaitFinished("cleanup-1");

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("message").asText()).isEqualTo("cleanup done for 1 keyspace: shop");
        assertThat(done.get("progress").get("files_done").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void upgradeSSTablesOfEveryNonSystemKeyspaceSucceeds() throws Exception {
        assertThat(http("/v1/jobs/upgrade-1", "PUT", "{\"kind\":\"upgradesstables\"}")
                        .statusCode())
                .isEqualTo(202);

        JsonNode done = awaitFinished("upgrade-1");

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("message").asText()).isEqualTo("upgradesstables done for 2 keyspaces: analytics, shop");
        try (CqlSession session = session()) {
            assertThat(session.execute("SELECT count(*) FROM shop.orders").one().getLong(0))
                    .isEqualTo(50);
        }
    }

    @Test
    @Order(5)
    void aMissingKeyspaceFailsTheJobSayingWhich() throws Exception {
        assertThat(http("/v1/jobs/repair-2", "PUT", "{\"kind\":\"repair\",\"keyspaces\":[\"shop\",\"nope\"]}")
                        .statusCode())
                .isEqualTo(202);

        JsonNode done = awaitFinished("repair-2");

        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("message").asText()).isEqualTo("keyspace 'nope' does not exist");
        assertThat(done.get("progress").get("files_done").asLong()).isZero();
    }

    @Test
    @Order(6)
    void aMissingTableFailsTheJobNamingIt() throws Exception {
        http(
                "/v1/jobs/cleanup-2",
                "PUT",
                "{\"kind\":\"cleanup\",\"keyspaces\":[\"shop\"],\"tables\":[\"no_such_table\"]}");

        JsonNode done = awaitFinished("cleanup-2");

        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("message").asText()).contains("no_such_table");
    }

    @Test
    @Order(7)
    void jobsAreListedNewestFirst() throws Exception {
        JsonNode list = json(http("/v1/jobs", "GET", null));

        List<String> ids = new ArrayList<>();
        list.forEach(job -> ids.add(job.get("id").asText()));
        assertThat(ids).containsExactly("cleanup-2", "repair-2", "upgrade-1", "cleanup-1", "repair-1");
    }

    @Test
    @Order(8)
    void infoOfAServingNodeIsActiveWithStartTimeAndCounters() throws Exception {
        long pid = node.process().pid().orElseThrow();

        HttpResponse<String> response = http("/v1/cassandra/info", "GET", null);

        System.out.println("NODE_INFO " + response.body());
        JsonNode info = json(response);
        assertThat(info.get("status").asText()).isEqualTo("active");
        assertThat(info.get("pid").asLong()).isEqualTo(pid);
        long started = info.get("started").asLong();
        assertThat(started)
                .isBetween(
                        Instant.now().minusSeconds(600).getEpochSecond(),
                        Instant.now().getEpochSecond());
        JsonNode counters = info.get("counters");
        assertThat(counters.size()).isEqualTo(8);
        assertThat(counters.get("rx:bytes").asLong()).isPositive();
        assertThat(counters.get("tx:packets").asLong()).isPositive();
        assertThat(counters.get("block:0:write:requests").asLong()).isPositive();
        assertThat(counters.get("block:0:read:requests").asLong()).isPositive();
    }

    @Test
    @Order(9)
    void aDrainedNodeIsPausedAndResetBringsItBackActive() throws Exception {
        node.withJmx(jmx -> {
            jmx.drain(Duration.ofSeconds(60));
            return null;
        });

        assertThat(json(http("/v1/cassandra/info", "GET", null)).get("status").asText())
                .isEqualTo("paused");

        long before = node.process().pid().orElseThrow();
        HttpResponse<String> reset = http("/v1/cassandra/reset", "POST", null);
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        long after = node.process().pid().orElseThrow();
        pids.add(after);
        assertThat(after).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        await().atMost(READY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> json(http("/v1/cassandra/info", "GET", null))
                        .get("status")
                        .asText()
                        .equals("active"));
    }

    @Test
    @Order(10)
    void aNodeThatDiedUnaskedIsDead() throws Exception {
        long pid = node.process().pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !node.isRunning() && node.process().lastExit().isPresent());

        HttpResponse<String> info = http("/v1/cassandra/info", "GET", null);
        // no process to own it: the user is the one the executor would start Cassandra as, its own
        assertThat(info.body())
                .isEqualTo(
                        "{\"status\":\"dead\",\"counters\":{},\"user\":\"" + System.getProperty("user.name") + "\"}");
        HttpResponse<String> job = http("/v1/jobs/repair-3", "PUT", "{\"kind\":\"repair\"}");
        assertThat(job.statusCode()).isEqualTo(202);
        assertThat(awaitFinished("repair-3").get("message").asText())
                .isEqualTo("Cassandra is not running on this node: start it first");
    }
}

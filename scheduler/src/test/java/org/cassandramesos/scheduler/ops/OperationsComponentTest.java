package org.cassandramesos.scheduler.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.mesos.MesosTestSupport;
import org.cassandramesos.scheduler.mesos.SchedulerAppOnLocalMesos;
import org.cassandramesos.scheduler.mesos.TestCassandraExecutor;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations and node verbs through the real scheduler app (HTTP API, ZooKeeper, Mesos side) against a local
 * Mesos with three agents running {@link TestCassandraExecutor}; each node's node API is a
 * {@link NodeApiDouble} on the node's IP and node API port. One cluster for the class; tests run in order.
 */
@Stepwise
class OperationsComponentTest {
    private static final String SERVICE = "ops";
    private static final String TOKEN = "api-token-ops";
    private static final String SECRET = "SECRET-KEY-never-stored-" + System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static CuratorFramework zk;
    static TaskStore tasks;
    static DropwizardTestSupport<SchedulerConfiguration> app;
    static final Map<String, NodeApiDouble> nodes = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = MesosTestSupport.mesos(workDir.resolve("mesos"), 3);
        zk = ZooKeeperClients.start(
                zookeeper.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS);
        tasks = new TaskStore(new CuratorPersister(zk, SERVICE));
        app = startApp();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> call("GET", "/v1/plans/deploy", null).statusCode() == 200);
        for (String node : List.of("node-0", "node-1", "node-2")) {
            NodeAddress address = NodeAddress.of(node, tasks.record(node), tasks.taskInfo(node))
                    .orElseThrow();
            nodes.put(node, NodeApiDouble.start(address, MesosTestSupport.NODE_API_TOKEN));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.values().forEach(NodeApiDouble::close);
        if (app != null) app.after();
        if (zk != null) zk.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    static DropwizardTestSupport<SchedulerConfiguration> startApp() throws Exception {
        return SchedulerAppOnLocalMesos.of(SERVICE, TOKEN, zookeeper.getConnectString(), mesos.masterUri())
                .set("backup_allowed_locations", "http://127.0.0.1:1/bucket")
                .set("service.retry.max_attempts", "3")
                .set("service.retry.initial_backoff", "PT0.2S")
                .set("service.retry.max_backoff", "PT0.5S")
                .start();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + app.getLocalPort() + path))
                .header("Authorization", "token=" + TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String method, String path) throws Exception {
        return JSON.readTree(call(method, path, null).body());
    }

    static String planStatus(String plan) throws Exception {
        return json("GET", "/v1/plans/" + plan).path("status").asText();
    }

    /** Every znode value under the service's namespace, as text. */
    static String everythingInZooKeeper() throws Exception {
        StringBuilder all = new StringBuilder();
        dump("/" + org.cassandramesos.scheduler.state.CuratorPersister.namespace(SERVICE), all);
        return all.toString();
    }

    private static void dump(String path, StringBuilder all) throws Exception {
        byte[] data = zk.getData().forPath(path);
        if (data != null) {
            all.append(path)
                    .append('=')
                    .append(new String(data, StandardCharsets.ISO_8859_1))
                    .append('\n');
        }
        for (String child : zk.getChildren().forPath(path)) {
            dump(path + "/" + child, all);
        }
    }

    @Test
    @Order(1)
    void aRepairRunsNodeByNodeToCompleteAndASecondStartIsRefused() throws Exception {
        nodes.values().forEach(n -> n.script(NodeApiDouble.Script.succeedAfter(3)));

        HttpResponse<String> started = call(
                "PUT", "/v1/repair/start", "{\"nodes\":[\"*\"],\"key_spaces\":[\"ks1\"],\"column_families\":[\"t1\"]}");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(started.body()).path("status").asText()).isEqualTo("started");

        HttpResponse<String> second = call("PUT", "/v1/cleanup/start", "{\"nodes\":[\"*\"]}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("message").asText())
                .contains("repair")
                .contains("is running");
        assertThat(json("GET", "/v1/plans").toString()).contains("\"deploy\"", "\"repair\"");

        await().atMost(Duration.ofSeconds(30)).until(() -> planStatus("repair").equals("COMPLETE"));
        JsonNode status = json("GET", "/v1/repair/status");
        assertThat(status.path("state").asText()).isEqualTo("COMPLETE");
        for (String node : List.of("node-0", "node-1", "node-2")) {
            List<JobRequest> sent = nodes.get(node).jobsSent();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).kind()).isEqualTo(JobKind.REPAIR);
            assertThat(sent.get(0).keyspaces()).containsExactly("ks1");
            assertThat(sent.get(0).tables()).containsExactly("t1");
            assertThat(sent.get(0).id()).startsWith(status.path("id").asText() + "-" + node);
            assertThat(status.path("nodes").path(node).path("status").asText()).isEqualTo("COMPLETE");
            assertThat(status.path("nodes")
                            .path(node)
                            .path("progress")
                            .path("files_done")
                            .asLong())
                    .isEqualTo(3);
        }
        // serial: node-1's job was sent only after node-0's had succeeded
        assertThat(nodes.get("node-0").requests("GET", "/v1/jobs/").size()).isGreaterThanOrEqualTo(3);
        HttpResponse<String> stopIdle = call("PUT", "/v1/repair/stop", null);
        assertThat(stopIdle.statusCode()).isEqualTo(409);
    }

    @Test
    @Order(2)
    void badRequestsAnswer400AndChangeNothing() throws Exception {
        String before = everythingInZooKeeper();
        List<Map.Entry<String, String>> bad = List.of(
                Map.entry("/v1/cleanup/start", "{\"nodes\":[]}"),
                Map.entry("/v1/repair/start", "{\"nodes\":[\"node-9\"]}"),
                Map.entry("/v1/upgradesstables/start", "not json"),
                Map.entry("/v1/backup/start", "{\"backup_name\":\"bad/name\",\"external_location\":\"s3://b/p\"}"),
                Map.entry("/v1/restore/start", "{\"backup_name\":\"b1\",\"external_location\":\"ftp://nowhere\"}"),
                Map.entry(
                        "/v1/backup/start",
                        "{\"backup_name\":\"b1\",\"external_location\":\"http://169.254.169.254/latest\","
                                + "\"s3_access_key\":\"A\",\"s3_secret_key\":\"S\"}"),
                Map.entry(
                        "/v1/restore/start",
                        "{\"backup_name\":\"b1\",\"external_location\":\"http://127.0.0.1:1/bucket/p\"}"),
                Map.entry("/v1/compact/start", "{\"nodes\":[\"*\"]}"));
        for (Map.Entry<String, String> request : bad) {
            HttpResponse<String> answer = call("PUT", request.getKey(), request.getValue());
            assertThat(answer.statusCode()).as(request.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("message").asText())
                    .as(request.getKey())
                    .isNotBlank();
        }
        assertThat(everythingInZooKeeper()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aFailingJobIsRetriedABoundedNumberOfTimesThenTheStepIsInErrorWithTheExecutorsMessage() throws Exception {
        nodes.values().forEach(n -> n.script(NodeApiDouble.Script.succeedAfter(1)));
        nodes.get("node-1").script(NodeApiDouble.Script.fail("nodetool cleanup: disk full"));

        assertThat(call("PUT", "/v1/cleanup/start", "{\"nodes\":[\"node-1\",\"node-2\"]}")
                        .statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> planStatus("cleanup").equals("ERROR"));
        JsonNode status = json("GET", "/v1/cleanup/status");
        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        JsonNode step = status.path("nodes").path("node-1");
        assertThat(step.path("status").asText()).isEqualTo("ERROR");
        assertThat(step.path("message").asText()).contains("failed 3 of 3", "disk full");
        List<JobRequest> sent = nodes.get("node-1").jobsSent().stream()
                .filter(j -> j.kind() == JobKind.CLEANUP)
                .toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.stream().map(JobRequest::id).distinct()).hasSize(3);
        assertThat(status.path("nodes").has("node-0")).isFalse();
        // serial: node-2 never started behind the failed node-1
        assertThat(nodes.get("node-2").jobsSent().stream().filter(j -> j.kind() == JobKind.CLEANUP))
                .isEmpty();

        // a failed operation still holds the cluster until stopped
        assertThat(call("PUT", "/v1/repair/start", "{\"nodes\":[\"*\"]}").statusCode())
                .isEqualTo(409);
        assertThat(call("PUT", "/v1/cleanup/stop", null).statusCode()).isEqualTo(202);
        JsonNode stopped = json("GET", "/v1/cleanup/status");
        assertThat(stopped.path("state").asText()).isEqualTo("STOPPED");
        assertThat(stopped.path("nodes").path("node-2").path("message").asText())
                .contains("not run", "stopped");
        assertThat(call("PUT", "/v1/cleanup/stop", null).statusCode()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void aBackupsKeysReachTheNodesButNeverZooKeeperOrAnswersAndAreNeverReplacedByTheDefaultChainAfterARestart()
            throws Exception {
        nodes.values().forEach(n -> n.script(NodeApiDouble.Script.never(new JobProgress(10, 4, 1, 1000, 400))));
        String body = "{\"backup_name\":\"nightly-1\",\"external_location\":\"http://127.0.0.1:1/bucket/prefix\","
                + "\"s3_access_key\":\"AKIA-TEST\",\"s3_secret_key\":\"" + SECRET + "\"}";
        HttpResponse<String> started = call("PUT", "/v1/backup/start", body);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.body()).doesNotContain(SECRET);

        // parallel: every node has its job at once
        await().atMost(Duration.ofSeconds(20))
                .until(() -> nodes.values().stream()
                        .allMatch(n -> n.jobsSent().stream().anyMatch(j -> j.kind() == JobKind.BACKUP)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> json("GET", "/v1/backups/_status")
                                .path("queues")
                                .path("node-2")
                                .path("length")
                                .asLong()
                        == 5);
        JobRequest sent = nodes.get("node-0").jobsSent().stream()
                .filter(j -> j.kind() == JobKind.BACKUP)
                .findFirst()
                .orElseThrow();
        assertThat(sent.backup().secretKey()).isEqualTo(SECRET);
        assertThat(sent.backup().name()).isEqualTo("nightly-1");

        assertThat(everythingInZooKeeper())
                .contains("nightly-1")
                .doesNotContain(SECRET)
                .doesNotContain("AKIA-TEST");
        for (String path : List.of("/v1/backup/status", "/v1/plans/backup", "/v1/plans", "/v1/backups/_status")) {
            assertThat(call("GET", path, null).body()).as(path).doesNotContain(SECRET);
        }
        JsonNode status = json("GET", "/v1/backup/status");
        assertThat(status.path("nodes")
                        .path("node-1")
                        .path("progress")
                        .path("queue_length")
                        .asLong())
                .isEqualTo(5);
        String jobOfNode0 = status.path("nodes").path("node-0").path("job_id").asText();

        // the scheduler restarts; node-0's executor restarted too and forgot its job
        app.after();
        nodes.get("node-0").forgetJobs();
        int putsBefore = nodes.get("node-0").jobsSent().size();
        app = startApp();

        // node-0's job must be sent again, but the request's keys are gone and a caller's location never falls back to
        // the executors' default AWS credential chain: its step ends in ERROR saying so; the other nodes finish
        nodes.values().forEach(n -> n.script(NodeApiDouble.Script.succeedAfter(1)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json("GET", "/v1/backup/status")
                        .path("nodes")
                        .path("node-0")
                        .path("status")
                        .asText()
                        .equals("ERROR"));
        assertThat(json("GET", "/v1/backup/status")
                        .path("nodes")
                        .path("node-0")
                        .path("message")
                        .asText())
                .contains("keys", "start it again");
        assertThat(nodes.get("node-0").jobsSent().size())
                .as("no keyless job for a caller's location")
                .isEqualTo(putsBefore);
        for (String node : List.of("node-1", "node-2")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> json("GET", "/v1/backup/status")
                            .path("nodes")
                            .path(node)
                            .path("status")
                            .asText()
                            .equals("COMPLETE"));
            assertThat(nodes.get(node).jobsSent().stream()
                            .filter(j -> j.kind() == JobKind.BACKUP)
                            .map(JobRequest::id)
                            .distinct())
                    .as("one job for " + node)
                    .hasSize(1);
        }
        assertThat(call("PUT", "/v1/backup/stop", null).statusCode()).isEqualTo(202);
        assertThat(everythingInZooKeeper()).doesNotContain(SECRET);
    }

    @Test
    @Order(5)
    void completedStepsAreNotRunAgainAfterASchedulerRestart() throws Exception {
        nodes.values().forEach(n -> n.script(NodeApiDouble.Script.succeedAfter(1)));
        nodes.get("node-1").script(NodeApiDouble.Script.never(JobProgress.NONE));
        assertThat(call("PUT", "/v1/upgradesstables/start", "{\"nodes\":[\"*\"]}")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> json("GET", "/v1/upgradesstables/status")
                        .path("nodes")
                        .path("node-1")
                        .path("status")
                        .asText()
                        .equals("IN_PROGRESS"));

        app.after();
        app = startApp();
        nodes.get("node-1").script(NodeApiDouble.Script.succeedAfter(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> planStatus("upgradesstables").equals("COMPLETE"));
        for (String node : List.of("node-0", "node-1", "node-2")) {
            assertThat(nodes.get(node).jobsSent().stream().filter(j -> j.kind() == JobKind.UPGRADESSTABLES))
                    .as(node)
                    .hasSize(1);
        }
    }

    @Test
    @Order(6)
    void lifecycleVerbsReachTheNodeApiAndAStoppedNodeIsNotRelaunched() throws Exception {
        assertThat(call("POST", "/v1/nodes/node-9/stop", null).statusCode()).isEqualTo(404);
        HttpResponse<String> startRunning = call("POST", "/v1/nodes/node-2/start", null);
        assertThat(startRunning.statusCode()).isEqualTo(409);
        assertThat(startRunning.body()).contains("already running");

        assertThat(call("POST", "/v1/nodes/node-2/stop", null).statusCode()).isEqualTo(204);
        assertThat(nodes.get("node-2").requests("POST", "/v1/cassandra/stop")).hasSize(1);
        JsonNode info = json("GET", "/v1/nodes/node-2/info");
        assertThat(info.path("status").asText()).isEqualTo("stopped");
        assertThat(info.path("intent").asText()).isEqualTo("stopped");

        // its task dies: recovery must leave a node stopped on purpose alone
        String task = tasks.taskInfo("node-2").orElseThrow().getTaskId().getValue();
        assertThat(call("PUT", "/v1/nodes/restart?node=node-2", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tasks.taskStatus("node-2")
                        .map(s -> s.getState().name())
                        .orElse("")
                        .equals("TASK_KILLED"));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> tasks.taskInfo("node-2")
                        .orElseThrow()
                        .getTaskId()
                        .getValue()
                        .equals(task));
        assertThat(json("GET", "/v1/plans/deploy").path("phases").toString()).contains("stopped by an operator");

        // start brings it back: relaunched in place
        assertThat(call("POST", "/v1/nodes/node-2/start", null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> call("GET", "/v1/plans/deploy", null).statusCode() == 200);
        assertThat(tasks.taskInfo("node-2").orElseThrow().getTaskId().getValue())
                .isNotEqualTo(task);
        restartDouble("node-2"); // the relaunched task has a new executor, serving on the same reserved port

        assertThat(call("POST", "/v1/nodes/node-0/reset", null).statusCode()).isEqualTo(204);
        assertThat(nodes.get("node-0").requests("POST", "/v1/cassandra/reset")).hasSize(1);

        HttpResponse<String> set =
                call("POST", "/v1/nodes/node-0/set", "{\"tags\":\"ssd  rack-a\",\"user:owner\":\"team-x\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).path("settings").path("tags").asText())
                .isEqualTo("ssd rack-a");
        assertThat(call("POST", "/v1/nodes/node-0/set", "{\"cpu\":\"2000\"}").statusCode())
                .isEqualTo(400);
        JsonNode node0 = json("GET", "/v1/nodes/node-0/info");
        assertThat(node0.path("status").asText()).isEqualTo("active");
        assertThat(node0.path("started").asLong()).isEqualTo(1_700_000_000L);
        assertThat(node0.path("counters").path("rx:bytes").asLong()).isEqualTo(42);
        assertThat(node0.path("settings").path("user:owner").asText()).isEqualTo("team-x");
        // the executor's word on who runs Cassandra, over the task's user
        assertThat(node0.path("user").asText()).isEqualTo(NodeApiDouble.PROCESS_USER);

        nodes.get("node-1").close();
        HttpResponse<String> unreachable = call("POST", "/v1/nodes/node-1/shutdown", null);
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(tasks.control("node-1").intent().name()).isEqualTo("RUNNING");
        assertThat(json("GET", "/v1/nodes/node-1/info").path("status").asText()).isEqualTo("active");
        restartDouble("node-1");
    }

    private static void restartDouble(String node) throws Exception {
        nodes.get(node).close();
        nodes.put(
                node,
                NodeApiDouble.start(
                        NodeAddress.of(node, tasks.record(node), tasks.taskInfo(node))
                                .orElseThrow(),
                        MesosTestSupport.NODE_API_TOKEN));
    }

    /** The {@code resource_id} labels of every reservation the agents hold for the service's role. */
    private static String reservations() {
        StringBuilder ids = new StringBuilder();
        for (JsonNode agent : mesos.masterState().get("slaves")) {
            JsonNode reserved = agent.path("reserved_resources_full").path(SERVICE + "-role");
            ids.append(reserved.toString());
        }
        return ids.toString();
    }

    @Test
    @Order(7)
    void destroyDecommissionsKillsTheTaskAndReleasesTheReservation() throws Exception {
        String resourceId = tasks.record("node-2").orElseThrow().reservation().resourceId();
        assertThat(reservations()).contains(resourceId);
        assertThat(call("POST", "/v1/nodes/node-2/destroy", null).statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.control("node-2").intent().name().equals("DESTROYED"));
        assertThat(nodes.get("node-2").requests("POST", "/v1/cassandra/decommission"))
                .hasSize(1);
        assertThat(tasks.record("node-2")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !reservations().contains(resourceId));
        assertThat(call("GET", "/v1/plans/deploy", null).statusCode()).isEqualTo(200);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> tasks.taskInfo("node-2").isEmpty());
        assertThat(json("GET", "/v1/nodes/node-2/info").path("intent").asText()).isEqualTo("destroyed");
        // operations skip a destroyed node
        assertThat(call("PUT", "/v1/repair/start", "{\"nodes\":[\"node-2\"]}").statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(8)
    void destroyOfAStoppedNodeStartsItThenDecommissionsKillsAndReleases() throws Exception {
        assertThat(call("POST", "/v1/nodes/node-1/stop", null).statusCode()).isEqualTo(204);
        assertThat(json("GET", "/v1/nodes/node-1/info").path("status").asText()).isEqualTo("stopped");
        String resourceId = tasks.record("node-1").orElseThrow().reservation().resourceId();

        // its executor does not answer: the destroy fails and leaves the node as the operator left it, stopped
        nodes.get("node-1").close();
        assertThat(call("POST", "/v1/nodes/node-1/destroy", null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.control("node-1").intent().name().equals("STOPPED"));
        assertThat(tasks.control("node-1").message())
                .startsWith("destroy failed: ")
                .contains("POST /v1/nodes/node-1/shutdown stops it");
        assertThat(tasks.record("node-1")).isPresent();
        assertThat(reservations()).contains(resourceId);
        // its executor answers again (this double says Cassandra runs: start answers 409, which destroy accepts)
        nodes.put(
                "node-1",
                NodeApiDouble.start(
                        NodeAddress.of("node-1", tasks.record("node-1"), tasks.taskInfo("node-1"))
                                .orElseThrow(),
                        MesosTestSupport.NODE_API_TOKEN));

        assertThat(call("POST", "/v1/nodes/node-1/destroy", null).statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.control("node-1").intent().name().equals("DESTROYED"));
        // its Cassandra was started again, then left the ring, in that order
        List<String> verbs = nodes.get("node-1").requests("POST", "/v1/cassandra/").stream()
                .map(r -> r.path())
                .filter(p -> p.endsWith("/start") || p.endsWith("/decommission"))
                .toList();
        assertThat(verbs).containsExactly("/v1/cassandra/start", "/v1/cassandra/decommission");
        assertThat(tasks.record("node-1")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !reservations().contains(resourceId));
        assertThat(json("GET", "/v1/nodes/node-1/info").path("intent").asText()).isEqualTo("destroyed");
    }
}

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.mesos.MesosTestSupport;
import org.cassandramesos.scheduler.mesos.SchedulerAppOnLocalMesos;
import org.cassandramesos.scheduler.mesos.TestCassandraExecutor;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling through the node count, with the real scheduler app restarted with another {@code NODES} (as Marathon
 * restarts it for a package update) on a local Mesos of five agents running {@link TestCassandraExecutor}; each node's
 * node API is a {@link NodeApiDouble} answering the keyspaces and decommission calls as an executor does. Tests run
 * in order on one cluster: 3 → 4 → 3, then 3 → 2 refused, then {@code POST /v1/nodes/create} and {@code
 * create/stopped}.
 */
@Stepwise
class ScaleComponentTest {
    private static final String SERVICE = "scale";
    private static final String TOKEN = "api-token-scale";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static CuratorFramework zk;
    static TaskStore tasks;
    static ConfigStore configs;
    static DropwizardTestSupport<SchedulerConfiguration> app;
    static final Map<String, NodeApiDouble> nodes = new HashMap<>();
    /** Each node's task after the first deploy. */
    static final Map<String, String> firstTasks = new LinkedHashMap<>();

    @BeforeAll
    static void deployThree() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = LocalMesos.start(
                MesosTestSupport.config(workDir.resolve("mesos"), 5).build());
        zk = ZooKeeperClients.start(
                zookeeper.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS);
        CuratorPersister persister = new CuratorPersister(zk, SERVICE);
        tasks = new TaskStore(persister);
        configs = new ConfigStore(persister);
        start(3);
        awaitDeployComplete();
        for (String node : List.of("node-0", "node-1", "node-2")) {
            serveNodeApi(node);
            firstTasks.put(node, taskId(node));
        }
    }

    @AfterEach
    void stopScheduler() {
        if (app != null) {
            app.after();
            app = null;
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

    /** The scheduler as Marathon starts it with {@code NODES=count}. */
    static void start(int count) throws Exception {
        if (app != null) {
            app.after(); // one scheduler at a time: another instance would wait as a standby
            app = null;
        }
        app = SchedulerAppOnLocalMesos.of(SERVICE, TOKEN, zookeeper.getConnectString(), mesos.masterUri())
                .nodes(count)
                .start();
    }

    static void awaitDeployComplete() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> call("GET", "/v1/plans/deploy").statusCode() == 200);
    }

    static void serveNodeApi(String node) throws Exception {
        NodeAddress address =
                NodeAddress.of(node, tasks.record(node), tasks.taskInfo(node)).orElseThrow();
        nodes.put(node, NodeApiDouble.start(address, MesosTestSupport.NODE_API_TOKEN));
    }

    static HttpResponse<String> call(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                        .header("Authorization", "token=" + TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode deployPlan() throws Exception {
        return JSON.readTree(call("GET", "/v1/plans/deploy").body());
    }

    private static JsonNode step(JsonNode plan, String phase, String node) {
        for (JsonNode p : plan.path("phases")) {
            if (p.path("name").asText().equals(phase)) {
                for (JsonNode s : p.path("steps")) {
                    if (s.path("name").asText().equals(node)) {
                        return s;
                    }
                }
            }
        }
        throw new AssertionError("no step " + phase + "/" + node + " in " + plan);
    }

    private static String taskId(String node) {
        return tasks.taskInfo(node).orElseThrow().getTaskId().getValue();
    }

    /** Every reservation the agents hold for the service's role, as the master's state lists them. */
    private static String reservations() {
        StringBuilder all = new StringBuilder();
        for (JsonNode agent : mesos.masterState().get("slaves")) {
            all.append(agent.path("reserved_resources_full")
                    .path(SERVICE + "-role")
                    .toString());
        }
        return all.toString();
    }

    /** The ids of the tasks the master lists as running. */
    private static List<String> runningTasks() {
        List<String> running = new ArrayList<>();
        for (JsonNode framework : mesos.masterState().path("frameworks")) {
            for (JsonNode task : framework.path("tasks")) {
                if (task.path("state").asText().equals("TASK_RUNNING")) {
                    running.add(task.path("id").asText());
                }
            }
        }
        return running;
    }

    @Test
    @Order(1)
    void aHigherCountAddsTheNextNodeAfterTheOthersWithoutRelaunchingThemAndSaysToRunCleanup() throws Exception {
        java.util.UUID target = configs.targetId().orElseThrow();

        start(4);

        awaitDeployComplete();
        assertThat(tasks.taskStatus("node-3").map(s -> s.getState())).contains(TaskState.TASK_RUNNING);
        // a count change alone keeps the config id: no node that stays is drained and relaunched for it
        assertThat(configs.targetId()).contains(target);
        assertThat(configs.target().orElseThrow().config().nodes().count()).isEqualTo(4);
        firstTasks.forEach((node, task) -> assertThat(taskId(node)).as(node).isEqualTo(task));
        JsonNode plan = deployPlan();
        assertThat(step(plan, "nodes", "node-3").path("status").asText()).isEqualTo("COMPLETE");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> step(deployPlan(), "nodes", "node-3")
                        .path("message")
                        .asText()
                        .startsWith("joined the ring (scale-out); run cleanup"));
        // node-3 took a fourth agent with its own reservation and volume
        NodeRecord added = tasks.record("node-3").orElseThrow();
        assertThat(firstTasks.keySet())
                .allSatisfy(node -> assertThat(
                                tasks.record(node).orElseThrow().agent().ip())
                        .isNotEqualTo(added.agent().ip()));
        assertThat(reservations()).contains(added.reservation().resourceId());
        serveNodeApi("node-3");
    }

    @Test
    @Order(2)
    void aLowerCountDecommissionsTheHighestNodeAndReleasesItsReservationAndVolume() throws Exception {
        NodeRecord leaving = tasks.record("node-3").orElseThrow();
        String leavingTask = taskId("node-3");
        assertThat(reservations())
                .contains(leaving.reservation().resourceId())
                .contains(leaving.reservation().persistenceId());

        start(3);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> tasks.control("node-3").intent().name().equals("DESTROYED"));
        awaitDeployComplete();
        // the keyspaces were read from a node that stays, then node-3 itself decommissioned
        assertThat(List.of("node-0", "node-1", "node-2").stream()
                        .mapToInt(node -> nodes.get(node)
                                .requests("GET", "/v1/cassandra/keyspaces")
                                .size())
                        .sum())
                .isGreaterThanOrEqualTo(1);
        assertThat(nodes.get("node-3").requests("POST", "/v1/cassandra/decommission"))
                .hasSize(1);
        assertThat(nodes.get("node-3").cassandraRunning()).isFalse();
        List.of("node-0", "node-1", "node-2")
                .forEach(node -> assertThat(nodes.get(node).requests("POST", "/v1/cassandra/decommission"))
                        .isEmpty());
        JsonNode step = step(deployPlan(), "decommission", "node-3");
        assertThat(step.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(step.path("message").asText()).startsWith("decommissioned for the scale-in to 3 node(s)");
        assertThat(tasks.record("node-3")).isEmpty();
        // its task ended, and its reservation and volume are gone from the master's state
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !reservations().contains(leaving.reservation().resourceId())
                        && !reservations().contains(leaving.reservation().persistenceId()));
        assertThat(runningTasks()).doesNotContain(leavingTask).containsAll(firstTasks.values());
        firstTasks.forEach((node, task) -> assertThat(taskId(node)).as(node).isEqualTo(task));
        nodes.remove("node-3").close();
        app.after();

        // the next start forgets node-3 altogether: no decommission phase, no state
        start(3);
        awaitDeployComplete();
        assertThat(tasks.nodeNames()).doesNotContain("node-3");
        assertThat(deployPlan().path("phases").toString()).doesNotContain("decommission");
        assertThat(call("GET", "/v1/nodes/node-3/info").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aLowerCountTheRemainingNodesCannotHoldIsRefusedInThePlanAndNothingIsDecommissioned() throws Exception {
        List<KeyspaceReplication> withDemo = new ArrayList<>(NodeApiDouble.CASSANDRA_KEYSPACES);
        withDemo.add(new KeyspaceReplication(
                "demo", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "3")));
        nodes.values().forEach(api -> api.keyspaces(withDemo));

        start(2);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> deployPlan().path("errors").size() > 0);
        HttpResponse<String> plan = call("GET", "/v1/plans/deploy");
        assertThat(plan.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(plan.body()).path("status").asText()).isEqualTo("ERROR");
        assertThat(JSON.readTree(plan.body()).path("errors").toString())
                .contains("node count cannot decrease from 3 to 2: keyspace demo has replication factor 3")
                .contains("keyspace system_distributed has replication factor 3");
        // nothing changes: node-2 keeps running, nobody decommissions
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> tasks.control("node-2").intent().name().equals("RUNNING"));
        nodes.values()
                .forEach(api -> assertThat(api.requests("POST", "/v1/cassandra/decommission"))
                        .isEmpty());
        firstTasks.forEach((node, task) -> assertThat(taskId(node)).as(node).isEqualTo(task));
        assertThat(tasks.taskStatus("node-2").map(s -> s.getState())).contains(TaskState.TASK_RUNNING);
        // and node-2 is back among the nodes that serve (a task of it that died would be relaunched)
        JsonNode kept = step(JSON.readTree(plan.body()), "nodes", "node-2");
        assertThat(kept.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(kept.path("message").asText()).isEqualTo("kept: the scale-in was refused");
        assertThat(JSON.readTree(plan.body()).path("phases").toString()).doesNotContain("decommission");
    }

    @Test
    @Order(4)
    void createAddsTheNextNodeAndARestartWithTheDeployedCountKeepsIt() throws Exception {
        nodes.values().forEach(api -> api.keyspaces(NodeApiDouble.CASSANDRA_KEYSPACES));
        start(3);
        awaitDeployComplete();
        java.util.UUID target = configs.targetId().orElseThrow();

        HttpResponse<String> created = call("POST", "/v1/nodes/create");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("node").asText()).isEqualTo("node-3");
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/v1/nodes/node-3/info");
        // one change at a time: a second create waits until the first node serves
        assertThat(call("POST", "/v1/nodes/create").statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> tasks.taskStatus("node-3")
                        .map(s -> s.getState() == TaskState.TASK_RUNNING)
                        .orElse(false));
        awaitDeployComplete();
        assertThat(configs.targetId()).contains(target);
        firstTasks.forEach((node, task) -> assertThat(taskId(node)).as(node).isEqualTo(task));
        String addedTask = taskId("node-3");
        app.after();

        // Marathon starts the scheduler again with NODES=3: the added node stays, nothing is decommissioned
        start(3);
        awaitDeployComplete();
        assertThat(configs.target().orElseThrow().config().nodes().count()).isGreaterThanOrEqualTo(4);
        assertThat(taskId("node-3")).isEqualTo(addedTask);
        assertThat(deployPlan().path("phases").toString()).doesNotContain("decommission");
        serveNodeApi("node-3");
    }

    @Test
    @Order(5)
    void createStoppedPlacesTheNodeWithCassandraStoppedUntilStart() throws Exception {
        start(3);
        awaitDeployComplete();
        int count = configs.target().orElseThrow().config().nodes().count();
        String expected = "node-" + count;

        HttpResponse<String> created = call("POST", "/v1/nodes/create/stopped");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("node").asText()).isEqualTo(expected);
        // placed: reservation, volume and a running task whose executor left Cassandra stopped
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> step(deployPlan(), "nodes", expected)
                        .path("status")
                        .asText()
                        .equals("WAITING"));
        assertThat(tasks.taskStatus(expected).map(s -> s.getState())).contains(TaskState.TASK_RUNNING);
        JsonNode seen =
                JSON.readTree(tasks.taskStatus(expected).orElseThrow().getData().toStringUtf8());
        assertThat(seen.path("started").asBoolean()).isFalse();
        assertThat(reservations())
                .contains(tasks.record(expected).orElseThrow().reservation().resourceId());
        assertThat(tasks.control(expected).intent().name()).isEqualTo("STOPPED");
        assertThat(step(deployPlan(), "nodes", expected).path("message").asText())
                .contains("created stopped");
        assertThat(call("GET", "/v1/plans/deploy").statusCode()).isEqualTo(503);

        // start sends start to its executor; the node is the operator's to run now
        NodeAddress address = NodeAddress.of(expected, tasks.record(expected), tasks.taskInfo(expected))
                .orElseThrow();
        nodes.put(
                expected,
                NodeApiDouble.start(address, MesosTestSupport.NODE_API_TOKEN).cassandraStopped());
        assertThat(call("POST", "/v1/nodes/" + expected + "/start").statusCode())
                .isEqualTo(204);
        assertThat(nodes.get(expected).requests("POST", "/v1/cassandra/start")).hasSize(1);
        assertThat(tasks.control(expected).intent().name()).isEqualTo("RUNNING");
    }
}

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
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
 * Removing a node whose agent is gone, through the real scheduler app on a local Mesos with three agents running
 * {@link TestCassandraExecutor} (two nodes, one agent spare; short agent ping timeouts so a stopped agent is soon
 * unreachable). Each node's node API is a {@link NodeApiDouble}. Tests run in order on one cluster.
 */
@Stepwise
class RemoveGoneNodeComponentTest {
    private static final String SERVICE = "remove";
    private static final String TOKEN = "api-token-remove";
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
        mesos = LocalMesos.start(MesosTestSupport.config(workDir.resolve("mesos"), 3)
                .agentPingTimeouts(Duration.ofMillis(500), 2)
                .build());
        zk = ZooKeeperClients.start(
                zookeeper.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS);
        tasks = new TaskStore(new CuratorPersister(zk, SERVICE));
        app = SchedulerAppOnLocalMesos.of(SERVICE, TOKEN, zookeeper.getConnectString(), mesos.masterUri())
                .nodes(2)
                .set("service.agent_gone_grace", "PT1H") // the gone node is not replaced meanwhile
                .start();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> call("GET", "/v1/plans/deploy").statusCode() == 200);
        for (String node : List.of("node-0", "node-1")) {
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

    static HttpResponse<String> call(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                        .header("Authorization", "token=" + TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        return JSON.readTree(call("GET", path).body());
    }

    private static int agentOf(String ip) {
        for (int i = 0; i < mesos.agentCount(); i++) {
            if (mesos.agentIp(i).equals(ip)) {
                return i;
            }
        }
        throw new IllegalStateException("no agent " + ip);
    }

    /** The {@code resource_id} labels of every reservation the agents hold for the service's role. */
    private static String reservations() {
        StringBuilder ids = new StringBuilder();
        for (JsonNode agent : mesos.masterState().get("slaves")) {
            ids.append(agent.path("reserved_resources_full")
                    .path(SERVICE + "-role")
                    .toString());
        }
        return ids.toString();
    }

    @Test
    @Order(1)
    void aNodeWhoseTaskRunsIsRefusedWith409AndNothingIsSent() throws Exception {
        HttpResponse<String> refused = call("POST", "/v1/nodes/node-1/remove");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("destroy decommissions it");
        assertThat(tasks.control("node-1").intent().name()).isEqualTo("RUNNING");
        assertThat(nodes.get("node-0").requests("POST", "/v1/cassandra/removenode"))
                .isEmpty();
        assertThat(call("POST", "/v1/nodes/node-9/remove").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aNodeWhoseAgentIsGoneIsRemovedFromTheRingThroughALiveNodeThenForgotten() throws Exception {
        String goneIp = tasks.record("node-1").orElseThrow().agent().ip();
        String resourceId = tasks.record("node-1").orElseThrow().reservation().resourceId();
        mesos.stopAgent(agentOf(goneIp));
        nodes.remove("node-1").close(); // its executor went with its agent
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> tasks.taskStatus("node-1")
                        .map(s -> s.getState() == TaskState.TASK_UNREACHABLE || s.getState() == TaskState.TASK_LOST)
                        .orElse(false));
        // the live node's executor does not answer: the remove fails and leaves node-1 as it was, saying why
        nodes.get("node-0").close();
        assertThat(call("POST", "/v1/nodes/node-1/remove").statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.control("node-1").message() != null
                        && tasks.control("node-1").message().startsWith("remove failed: "));
        assertThat(tasks.control("node-1").intent().name()).isEqualTo("RUNNING");
        assertThat(tasks.record("node-1")).isPresent();
        nodes.put(
                "node-0",
                NodeApiDouble.start(
                        NodeAddress.of("node-0", tasks.record("node-0"), tasks.taskInfo("node-0"))
                                .orElseThrow(),
                        MesosTestSupport.NODE_API_TOKEN));

        assertThat(call("POST", "/v1/nodes/node-1/remove").statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.control("node-1").intent().name().equals("DESTROYED"));
        List<NodeApiDouble.Request> removals = nodes.get("node-0").requests("POST", "/v1/cassandra/removenode");
        assertThat(removals).hasSize(1);
        assertThat(JSON.readTree(removals.get(0).body()).path("address").asText())
                .isEqualTo(goneIp);
        assertThat(tasks.record("node-1")).isEmpty();
        assertThat(json("/v1/nodes/node-1/info").path("intent").asText()).isEqualTo("destroyed");
        assertThat(call("GET", "/v1/plans/deploy").statusCode()).isEqualTo(200);
        // its agent comes back: the reservation the scheduler forgot is released, nothing relaunches node-1 there
        mesos.startAgent(agentOf(goneIp));
        await().atMost(Duration.ofSeconds(60)).until(() -> !reservations().contains(resourceId));
        assertThat(tasks.control("node-1").intent().name()).isEqualTo("DESTROYED");
    }
}

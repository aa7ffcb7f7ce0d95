package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Node, connection and seed routes over real HTTP, from node state stored in a real ZooKeeper: node-0
 * (seed) and node-2 run, node-1 (seed) is launched but has no status yet.
 */
class NodesApiTest {
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    static String node0Task;
    static String node2Task;

    @BeforeAll
    static void storeNodes() {
        node0Task = TestNodes.launchWithMetrics(
                API.tasks(), "node-0", "10.0.0.10", 9042, 9001, 7070, TaskState.TASK_RUNNING);
        TestNodes.launch(API.tasks(), "node-1", "10.0.0.11", 9042, 9001, null);
        // node-2's task carries its resources (two pieces of cpus, as two reservations would give), the others none
        node2Task = TestNodes.launch(
                API.tasks(),
                "node-2",
                "10.0.0.12",
                9142,
                9001,
                TaskState.TASK_RUNNING,
                List.of(
                        TestNodes.scalar("cpus", 1.0),
                        TestNodes.scalar("cpus", 0.5),
                        TestNodes.scalar("mem", 2048),
                        TestNodes.scalar("disk", 4096)));
    }

    @BeforeEach
    void resetOperations() {
        API.operations().reset();
    }

    private static JsonNode json(Response response) {
        return response.readEntity(JsonNode.class);
    }

    @Test
    void listsTheConfiguredNodesInIndexOrder() {
        Response response = API.call("GET", "/v1/nodes/list");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response).toString()).isEqualTo("[\"node-0\",\"node-1\",\"node-2\"]");
    }

    @Test
    void theListWithResourcesGivesEachNodesCpusAndMemAsLaunchedElseAsConfigured() {
        Response response = API.call("GET", "/v1/nodes/list?resources=true");

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode rows = json(response);
        NodesConfig configured = APP.getConfiguration().getService().nodes();
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(rows.get(i).path("name").asText()).isEqualTo("node-" + i);
            assertThat(rows.get(i).path("cpus").asDouble()).isEqualTo(configured.cpus());
            assertThat(rows.get(i).path("mem_mb").asDouble()).isEqualTo(configured.memMb());
        }
        assertThat(rows.get(2).toString()).isEqualTo("{\"name\":\"node-2\",\"cpus\":1.5,\"mem_mb\":2048.0}");
        assertThat(json(API.call("GET", "/v1/nodes/list?resources=false")).toString())
                .isEqualTo("[\"node-0\",\"node-1\",\"node-2\"]");
    }

    @ParameterizedTest
    @CsvSource({"yes", "TRUE", "1", "''"})
    void theResourcesFlagIsTrueOrFalse(String value) {
        Response response = API.call("GET", "/v1/nodes/list?resources=" + value);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response).path("message").asText())
                .isEqualTo("query parameter 'resources' must be true or false");
    }

    @Test
    void infoOfAllNodesIsEachNodesInfoInIndexOrder() {
        Response response = API.call("GET", "/v1/nodes/info");

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode all = json(response);
        assertThat(all).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(all.get(i)).isEqualTo(json(API.call("GET", "/v1/nodes/node-" + i + "/info")));
        }
        assertThat(all.get(0).path("id").asText()).isEqualTo(node0Task);
        assertThat(all.get(2).path("id").asText()).isEqualTo(node2Task);
    }

    @Test
    void infoNamesTheTasksUserWhenTheExecutorDoesNotAnswer() {
        // no executor serves these nodes' node API: the user is the one Mesos runs the task as (FRAMEWORK_USER)
        String frameworkUser = APP.getConfiguration().getService().user();

        assertThat(json(API.call("GET", "/v1/nodes/node-0/info")).path("user").asText())
                .isEqualTo(frameworkUser);
        assertThat(json(API.call("GET", "/v1/nodes/info")).get(1).path("user").asText())
                .isEqualTo(frameworkUser);
    }

    @Test
    void infoDescribesTheNodesTaskAndAgent() {
        JsonNode info = json(API.call("GET", "/v1/nodes/node-0/info"));

        assertThat(info.path("name").asText()).isEqualTo("node-0");
        assertThat(info.path("id").asText()).isEqualTo(node0Task);
        assertThat(info.path("hostname").asText()).isEqualTo("host-10.0.0.10");
        assertThat(info.path("agent_id").asText()).isEqualTo("agent-10.0.0.10");
        assertThat(info.path("ip").asText()).isEqualTo("10.0.0.10");
        assertThat(info.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(info.path("seed").asBoolean()).isTrue();
        assertThat(info.path("config_id").asText()).isEqualTo(TestNodes.CONFIG_ID);
        assertThat(info.path("rack").asText()).isEqualTo("rack1");
        assertThat(info.path("replacing").asBoolean()).isFalse();

        JsonNode launching = json(API.call("GET", "/v1/nodes/node-1/info"));
        assertThat(launching.path("state").asText()).isEqualTo("TASK_STAGING");
        assertThat(json(API.call("GET", "/v1/nodes/node-2/info")).path("seed").asBoolean())
                .isFalse();
    }

    @Test
    void infoGivesTheMetricsUrlOfANodeWithAMetricsPortAndNoneForANodeReservedBeforeIt() {
        assertThat(json(API.call("GET", "/v1/nodes/node-0/info"))
                        .path("metrics_url")
                        .asText())
                .isEqualTo("http://10.0.0.10:7070/metrics");
        assertThat(json(API.call("GET", "/v1/nodes/info"))
                        .get(0)
                        .path("metrics_url")
                        .asText())
                .isEqualTo("http://10.0.0.10:7070/metrics");
        assertThat(json(API.call("GET", "/v1/nodes/node-2/info")).has("metrics_url"))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"node-x,400", "node-01,400", "cassandra,400", "node-7,404"})
    void infoAndStatusRefuseMalformedAndUnknownNodes(String node, int status) {
        Response info = API.call("GET", "/v1/nodes/" + node + "/info");
        Response live = API.call("GET", "/v1/nodes/" + node + "/status");

        assertThat(info.getStatus()).isEqualTo(status);
        assertThat(json(info).path("message").asText()).contains(node);
        assertThat(live.getStatus()).isEqualTo(status);
    }

    @Test
    void restartAndReplaceAnswerTheKilledTaskIds() {
        Response restart = API.call("PUT", "/v1/nodes/restart?node=node-0");
        Response replace = API.call("PUT", "/v1/nodes/replace?node=node-2");

        assertThat(restart.getStatus()).isEqualTo(200);
        assertThat(json(restart).toString()).isEqualTo("[\"" + node0Task + "\"]");
        assertThat(replace.getStatus()).isEqualTo(200);
        assertThat(json(replace).toString()).isEqualTo("[\"" + node2Task + "\"]");
        assertThat(API.operations().requests).containsExactly("restart node-0", "replace node-2");
    }

    @ParameterizedTest
    @CsvSource({"restart", "replace"})
    void restartAndReplaceValidateTheNode(String verb) {
        Response missing = API.call("PUT", "/v1/nodes/" + verb);
        Response malformed = API.call("PUT", "/v1/nodes/" + verb + "?node=1");
        Response unknown = API.call("PUT", "/v1/nodes/" + verb + "?node=node-9");

        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(json(missing).path("message").asText()).isEqualTo("query parameter 'node' is required");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(API.operations().requests).isEmpty();
    }

    @Test
    void aNodeWithoutATaskIs404FromTheOperation() {
        API.tasks().remove("node-1");
        try {
            Response response = API.call("PUT", "/v1/nodes/restart?node=node-1");

            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(json(response).path("message").asText()).isEqualTo("node-1 has no task");
        } finally {
            TestNodes.launch(API.tasks(), "node-1", "10.0.0.11", 9042, 9001, null);
        }
    }

    @Test
    void aBusyNodeIs409NamingWhatHoldsIt() {
        API.operations().markBusy("node-2");

        Response response = API.call("PUT", "/v1/nodes/replace?node=node-2");

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(json(response).path("message").asText()).isEqualTo("repair is running on node-2; stop it or wait");
    }

    @Test
    void connectionListsOnlyRunningNodes() {
        JsonNode connection = json(API.call("GET", "/v1/connection"));

        assertThat(connection.path("nodes").toString()).isEqualTo("[\"10.0.0.10:9042\",\"10.0.0.12:9142\"]");
        assertThat(connection.path("address")).isEqualTo(connection.path("nodes"));
        assertThat(connection.path("dns").toString())
                .isEqualTo("[\"node-0." + API.service + ".mesos:9042\",\"node-2." + API.service + ".mesos:9142\"]");
        assertThat(json(API.call("GET", "/v1/connection/address"))).isEqualTo(connection.path("address"));
        assertThat(json(API.call("GET", "/v1/connection/dns"))).isEqualTo(connection.path("dns"));
    }

    @Test
    void connectionLeavesOutANodeWhoseCassandraAnOperatorStopped() {
        // stop leaves the task running (its executor stays) while Cassandra is down: no CQL there
        API.tasks()
                .storeControl("node-2", NodeControl.DEFAULT.with(NodeControl.Intent.STOPPED, "stopped by an operator"));
        try {
            JsonNode connection = json(API.call("GET", "/v1/connection"));

            assertThat(connection.path("nodes").toString()).isEqualTo("[\"10.0.0.10:9042\"]");
            assertThat(connection.path("address").toString()).isEqualTo("[\"10.0.0.10:9042\"]");
            assertThat(connection.path("dns").toString()).isEqualTo("[\"node-0." + API.service + ".mesos:9042\"]");
            assertThat(json(API.call("GET", "/v1/connection/address")).toString())
                    .isEqualTo("[\"10.0.0.10:9042\"]");
        } finally {
            API.tasks().storeControl("node-2", NodeControl.DEFAULT);
        }
    }

    @Test
    void seedsAreThePlacedSeedNodesIps() {
        Response response = API.call("GET", "/v1/seeds");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response).toString()).isEqualTo("{\"seeds\":[\"10.0.0.10\",\"10.0.0.11\"]}");
    }

    @ParameterizedTest
    @CsvSource({
        "GET,/v1/nodes/list",
        "GET,/v1/nodes/list?resources=true",
        "GET,/v1/nodes/info",
        "GET,/v1/nodes/node-0/info",
        "GET,/v1/nodes/node-0/status",
        "PUT,/v1/nodes/restart?node=node-0",
        "PUT,/v1/nodes/replace?node=node-0",
        "GET,/v1/connection",
        "GET,/v1/connection/address",
        "GET,/v1/connection/dns",
        "GET,/v1/seeds"
    })
    void everyNodeRouteNeedsTheToken(String method, String path) {
        Response response = API.callWithoutToken(method, path);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(json(response).path("message").asText()).isNotEmpty();
        assertThat(API.operations().requests).isEmpty();
    }
}

package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.ops.DeployStepRestart;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three deployed nodes on four agents: a task that dies relaunches in place on its volume, an
 * operator restart does the same, and an operator replace moves the node to the spare agent.
 */
@Stepwise
class RecoveryTest {
    private static final String SERVICE = "recovery";

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static InProcessScheduler scheduler;

    @BeforeAll
    static void deploy() throws Exception {
        zookeeper = new TestingServer(true);
        // a stopped agent is noticed by its missed pings only, as a power loss is
        mesos = LocalMesos.start(MesosTestSupport.config(workDir, 4)
                .agentPingTimeouts(Duration.ofSeconds(1), 3)
                .build());
        scheduler = InProcessScheduler.start(
                MesosTestSupport.service(SERVICE, zookeeper.getConnectString(), 3, 1), mesos.masterUri());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.plans().deploy().isComplete());
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    /** What the test executor saw, from its TASK_RUNNING data. */
    private static JsonNode seen(TaskStatus status) {
        return TaskData.decode(status.getData(), JsonNode.class);
    }

    private static String currentTaskId(String node) {
        return scheduler.task(node).orElseThrow().getTaskId().getValue();
    }

    /** Waits until {@code node} runs a task other than {@code oldTaskId} and is ready again; returns its status. */
    private static TaskStatus awaitRelaunched(String node, String oldTaskId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !currentTaskId(node).equals(oldTaskId)
                        && scheduler
                                .status(node)
                                .map(s -> s.getState() == TaskState.TASK_RUNNING && s.hasData())
                                .orElse(false)
                        && scheduler.step(node).isComplete());
        return scheduler.status(node).orElseThrow();
    }

    @Test
    @Order(1)
    void executorsGetTheNodeApiTokenAndCqlPasswordByMessageAndMasterStateShowsNeither() {
        for (String node : List.of("node-0", "node-1", "node-2")) {
            assertThat(seen(scheduler.status(node).orElseThrow())
                            .get("node_api_token")
                            .asText())
                    .isEqualTo(MesosTestSupport.NODE_API_TOKEN);
            assertThat(seen(scheduler.status(node).orElseThrow())
                            .get("cql_password")
                            .asText())
                    .isEqualTo(MesosTestSupport.CQL_PASSWORD);
        }
        String state = mesos.masterState().toString();
        assertThat(state).doesNotContain(MesosTestSupport.NODE_API_TOKEN).doesNotContain(MesosTestSupport.CQL_PASSWORD);
    }

    @Test
    @Order(2)
    void aTaskKilledByTheAgentRelaunchesOnTheSameAgentAndVolume() {
        NodeRecord before = scheduler.record("node-1");
        String oldTask = currentTaskId("node-1");

        assertThat(mesos.killExecutor(MesosTestSupport.agentIndex(before.agent().ip()), "node-1-executor"))
                .isTrue();

        TaskStatus relaunched = awaitRelaunched("node-1", oldTask);
        NodeRecord after = scheduler.record("node-1");
        assertThat(after.agent().hostname()).isEqualTo(before.agent().hostname());
        assertThat(after.reservation()).isEqualTo(before.reservation());
        assertThat(seen(relaunched).get("marker_existed").asBoolean()).isTrue();
        assertThat(scheduler.plans().deploy().isComplete()).isTrue();
    }

    @Test
    @Order(3)
    void restartKillsTheTaskAndItComesBackInPlace() {
        NodeRecord before = scheduler.record("node-0");
        String oldTask = currentTaskId("node-0");

        assertThat(scheduler.nodes().restart("node-0")).containsExactly(oldTask);

        TaskStatus relaunched = awaitRelaunched("node-0", oldTask);
        assertThat(scheduler.record("node-0").agent().hostname())
                .isEqualTo(before.agent().hostname());
        assertThat(seen(relaunched).get("marker_existed").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void restartingTheDeployStepOfARunningNodeRelaunchesItInPlaceAndThePlanCompletes() {
        NodeRecord before = scheduler.record("node-2");
        String oldTask = currentTaskId("node-2");
        DeployStepRestart restart = new DeployStepRestart(scheduler.plans(), scheduler.tasks(), scheduler::nodes);

        assertThat(restart.restart("deploy", "nodes", "node-2")).isPresent();

        TaskStatus relaunched = awaitRelaunched("node-2", oldTask);
        assertThat(scheduler.record("node-2").reservation()).isEqualTo(before.reservation());
        assertThat(seen(relaunched).get("marker_existed").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler.plans().deploy().isComplete());
    }

    @Test
    @Order(4)
    void replaceMovesTheNodeToAnotherAgentWithTheOldAddressToReplace() {
        NodeRecord before = scheduler.record("node-2");
        String oldTask = currentTaskId("node-2");

        assertThat(scheduler.nodes().replace("node-2")).containsExactly(oldTask);

        TaskStatus relaunched = awaitRelaunched("node-2", oldTask);
        NodeRecord after = scheduler.record("node-2");
        assertThat(after.agent().hostname())
                .isNotEqualTo(before.agent().hostname())
                .isNotIn(
                        scheduler.record("node-0").agent().hostname(),
                        scheduler.record("node-1").agent().hostname());
        assertThat(after.reservation().resourceId())
                .isNotEqualTo(before.reservation().resourceId());
        CassandraNodeSpec spec =
                TaskData.decode(scheduler.task("node-2").orElseThrow().getData(), CassandraNodeSpec.class);
        assertThat(spec.replaceAddress()).contains(before.agent().ip());
        assertThat(seen(relaunched).get("replace_address").asText())
                .isEqualTo(before.agent().ip());
        assertThat(seen(relaunched).get("marker_existed").asBoolean()).isFalse();
        // joined: later restarts are ordinary ones
        await().atMost(Duration.ofSeconds(5))
                .until(() -> scheduler.record("node-2").replaceAddress().isEmpty());
        assertThat(scheduler.record("node-2").permanentlyFailed()).isFalse();
        // the old task is gone from the master, no duplicates
        await().atMost(Duration.ofSeconds(10))
                .until(() -> runningTaskNames().equals(Map.of("node-0", 1L, "node-1", 1L, "node-2", 1L)));
    }

    @Test
    @Order(5)
    void aNodeWhoseAgentStaysUnreachablePastTheGraceIsReplacedElsewhere() {
        NodeRecord before = scheduler.record("node-1");
        String oldTask = currentTaskId("node-1");

        mesos.stopAgent(MesosTestSupport.agentIndex(before.agent().ip())); // power loss; grace is 5 s here

        await().atMost(Duration.ofSeconds(10))
                .until(() -> scheduler
                        .status("node-1")
                        .map(s -> s.getState() == TaskState.TASK_UNREACHABLE)
                        .orElse(false));
        assertThat(scheduler.record("node-1").permanentlyFailed())
                .as("still within the grace period")
                .isFalse();
        TaskStatus relaunched = awaitRelaunched("node-1", oldTask);
        NodeRecord after = scheduler.record("node-1");
        assertThat(after.agent().hostname()).isNotEqualTo(before.agent().hostname());
        assertThat(seen(relaunched).get("replace_address").asText())
                .isEqualTo(before.agent().ip());
        assertThat(scheduler.plans().deploy().isComplete()).isTrue();
    }

    static Map<String, Long> runningTaskNames() {
        java.util.Map<String, Long> names = new java.util.TreeMap<>();
        for (JsonNode framework : mesos.masterState().get("frameworks")) {
            for (JsonNode task : framework.get("tasks")) {
                if (!task.get("state").asText().equals("TASK_KILLED")
                        && !task.get("state").asText().equals("TASK_FAILED")) {
                    names.merge(task.get("name").asText(), 1L, Long::sum);
                }
            }
        }
        return names;
    }
}

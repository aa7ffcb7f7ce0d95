package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.ops.ClusterNodes;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real scheduler against the local Mesos when agents are cut off and removed, as a Mesos 1.11 master reports it:
 * three nodes (node-0 the seed) on five agents, agent ping timeouts 300 ms × 3, {@code agent_gone_grace} 5 s, test
 * executors (no Cassandra).
 */
@Stepwise
class PartitionAndRemovalTest {
    private static final String SERVICE = "partition";

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static ServiceConfig config;
    static InProcessScheduler scheduler;

    @BeforeAll
    static void deploy() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = LocalMesos.start(MesosTestSupport.config(workDir, 5)
                .agentPingTimeouts(Duration.ofMillis(300), 3)
                .build());
        config = MesosTestSupport.service(SERVICE, zookeeper.getConnectString(), 3, 1);
        scheduler = InProcessScheduler.start(config, mesos.masterUri());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.plans().deploy().isComplete());
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    private static int agentOf(String node) {
        return MesosTestSupport.agentIndex(scheduler.record(node).agent().ip());
    }

    private static String currentTaskId(String node) {
        return scheduler.task(node).orElseThrow().getTaskId().getValue();
    }

    private static boolean statusIs(String node, TaskState state) {
        return scheduler.status(node).map(s -> s.getState() == state).orElse(false);
    }

    private static long kills() {
        return mesos.schedulerCallsReceived(Call.Type.KILL);
    }

    /** What {@code OperationManager.start} and each operation step require: deploy COMPLETE, every node ready. */
    private static void assertOperationsStartable() {
        ClusterNodes nodes = new ClusterNodes(config, scheduler.tasks(), scheduler.plans());
        assertThat(nodes.deployComplete())
                .as(scheduler.plans().deploy().toString())
                .isTrue();
        for (String node : List.of("node-0", "node-1", "node-2")) {
            assertThat(nodes.notReady(node)).as(node).isEmpty();
        }
    }

    /** Live tasks per node name in the master's state, those on unreachable agents included. */
    private static Map<String, Long> liveTaskNames() {
        Map<String, Long> names = new TreeMap<>();
        for (JsonNode framework : mesos.masterState().get("frameworks")) {
            for (String list : List.of("tasks", "unreachable_tasks")) {
                for (JsonNode task : framework.get(list)) {
                    if (!NodeRecovery.isTerminal(
                            TaskState.valueOf(task.get("state").asText()))) {
                        names.merge(task.get("name").asText(), 1L, Long::sum);
                    }
                }
            }
        }
        return names;
    }

    @Test
    @Order(1)
    void theFrameworkIsPartitionAware() {
        JsonNode framework = mesos.masterState().get("frameworks").get(0);
        assertThat(framework.get("capabilities").toString()).contains("PARTITION_AWARE");
    }

    @Test
    @Order(2)
    void aSeedCutOffPastTheGraceIsWaitedForAndAfterHealingThePlanIsCompleteAndOperationsStartable() {
        String task = currentTaskId("node-0");
        long killsBefore = kills();
        int agent = agentOf("node-0");

        mesos.partitionAgent(agent);

        await().atMost(Duration.ofSeconds(15)).until(() -> statusIs("node-0", TaskState.TASK_UNREACHABLE));
        TaskStatus unreachable = scheduler.status("node-0").orElseThrow();
        assertThat(unreachable.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(unreachable.hasUnreachableTime()).isTrue();
        // past agent_gone_grace (5 s): a seed is not replaced automatically
        await().during(Duration.ofSeconds(7))
                .atMost(Duration.ofSeconds(9))
                .until(() -> currentTaskId("node-0").equals(task)
                        && !scheduler.record("node-0").permanentlyFailed());
        assertThat(scheduler.step("node-0").status()).isEqualTo(Status.COMPLETE);

        mesos.healAgent(agent);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> scheduler
                        .status("node-0")
                        .map(s -> s.getState() == TaskState.TASK_RUNNING
                                && s.getReason() == TaskStatus.Reason.REASON_AGENT_REREGISTERED)
                        .orElse(false));
        assertThat(currentTaskId("node-0")).isEqualTo(task);
        assertThat(scheduler.step("node-0").status()).isEqualTo(Status.COMPLETE);
        assertOperationsStartable();
        assertThat(kills()).as("nothing was killed").isEqualTo(killsBefore);
    }

    @Test
    @Order(3)
    void aNonSeedCutOffPastTheGraceIsReplacedElsewhereWithoutAKillLoopAndItsOldTaskIsKilledOnceItsAgentIsBack() {
        NodeRecord before = scheduler.record("node-2");
        String oldTask = currentTaskId("node-2");
        long killsBefore = kills();
        int agent = agentOf("node-2");

        mesos.partitionAgent(agent);

        await().atMost(Duration.ofSeconds(40))
                .until(() -> !currentTaskId("node-2").equals(oldTask)
                        && statusIs("node-2", TaskState.TASK_RUNNING)
                        && scheduler.step("node-2").isComplete());
        NodeRecord after = scheduler.record("node-2");
        assertThat(after.agent().hostname()).isNotEqualTo(before.agent().hostname());
        assertThat(after.reservation().resourceId())
                .isNotEqualTo(before.reservation().resourceId());
        // the replace's KILL of the unreachable task is answered TASK_UNREACHABLE by the master: no kill follows it
        long killsWhileCut = kills() - killsBefore;
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> kills() - killsBefore == killsWhileCut);
        assertThat(killsWhileCut).isBetween(1L, 2L);
        assertOperationsStartable();
        assertThat(liveTaskNames())
                .as("the old task still counts while its agent is cut off")
                .containsEntry("node-2", 2L);

        mesos.healAgent(agent);

        // back with its agent, the old task is no node's task any more: killed, once
        await().atMost(Duration.ofSeconds(20))
                .until(() -> liveTaskNames().equals(Map.of("node-0", 1L, "node-1", 1L, "node-2", 1L)));
        assertThat(kills() - killsBefore).isBetween(killsWhileCut + 1, killsWhileCut + 2);
        assertThat(scheduler.record("node-2").agent().hostname())
                .isEqualTo(after.agent().hostname());
        assertOperationsStartable();
    }

    @Test
    @Order(4)
    void aNodeWhoseAgentAnOperatorRemovedIsReplacedElsewhereAtOnce() {
        NodeRecord before = scheduler.record("node-1");
        String oldTask = currentTaskId("node-1");

        mesos.removeAgent(agentOf("node-1"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !currentTaskId("node-1").equals(oldTask)
                        && statusIs("node-1", TaskState.TASK_RUNNING)
                        && scheduler.step("node-1").isComplete());
        NodeRecord after = scheduler.record("node-1");
        assertThat(after.agent().hostname()).isNotEqualTo(before.agent().hostname());
        assertThat(scheduler.task("node-1").orElseThrow().getData().toStringUtf8())
                .contains(before.agent().ip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> scheduler.record("node-1").replaceAddress().isEmpty());
        assertOperationsStartable();
        assertThat(liveTaskNames()).isEqualTo(Map.of("node-0", 1L, "node-1", 1L, "node-2", 1L));
    }
}

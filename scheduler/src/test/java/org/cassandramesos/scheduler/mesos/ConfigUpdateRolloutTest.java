package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.config.CassandraConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration updates on a local Mesos with real ZooKeeper and executor processes: three deployed nodes, then the
 * scheduler restarted with a new config, as Marathon restarts it for a package update. A refused change relaunches
 * nothing and says why in the deploy plan; a changed heap relaunches every node once, one at a time, on its own
 * volume, with the new config.
 */
@Stepwise
class ConfigUpdateRolloutTest {
    private static final String SERVICE = "update";
    private static final List<String> NODES = List.of("node-0", "node-1", "node-2");

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static ServiceConfig deployed;
    static InProcessScheduler scheduler;
    /** Each node's task id after the first deploy. */
    static final Map<String, String> firstTasks = new LinkedHashMap<>();
    /** Each node's config id after the first deploy. */
    static final Map<String, UUID> firstConfigIds = new LinkedHashMap<>();

    @BeforeAll
    static void deploy() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = MesosTestSupport.mesos(workDir, 3);
        deployed = MesosTestSupport.service(SERVICE, zookeeper.getConnectString(), 3, 1);
        scheduler = InProcessScheduler.start(deployed, mesos.masterUri());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.plans().deploy().isComplete());
        for (String node : NODES) {
            firstTasks.put(node, scheduler.task(node).orElseThrow().getTaskId().getValue());
            firstConfigIds.put(node, configIdOf(scheduler.task(node).orElseThrow()));
        }
    }

    @AfterEach
    void stopScheduler() {
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    private static String taskId(String node) {
        return scheduler.task(node).orElseThrow().getTaskId().getValue();
    }

    private static UUID configIdOf(TaskInfo task) {
        return NodeStates.configId(task).orElseThrow();
    }

    /** The test executor's marker in the node's persistent volume: one line per task launched on that volume. */
    private static List<String> marker(String node) throws Exception {
        NodeRecord record = scheduler.record(node);
        Path volume = mesos.agentWorkDir(
                        MesosTestSupport.agentIndex(record.agent().ip()))
                .resolve("volumes/roles/" + deployed.role() + "/"
                        + record.reservation().persistenceId());
        return Files.readAllLines(volume.resolve(TestCassandraExecutor.MARKER));
    }

    @Test
    @Order(1)
    void aChangeTheNodesCannotTakeIsRefusedInThePlanAndRelaunchesNothing() {
        ServiceConfig renamed = deployed.withCassandra(new CassandraConfig(
                "another-cluster",
                deployed.cassandra().numTokens(),
                deployed.cassandra().yaml()));

        scheduler = InProcessScheduler.start(renamed, mesos.masterUri());

        Plan plan = scheduler.plans().deploy();
        assertThat(plan.status()).isEqualTo(Status.ERROR);
        assertThat(plan.errors())
                .containsExactly("cluster name cannot change from '"
                        + deployed.cassandra().clusterName() + "' to 'another-cluster'");
        assertThat(scheduler.target().config()).isEqualTo(deployed);
        // reconciled and given offers for a while: every node keeps its task and its config
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.isSubscribed());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> NODES.stream()
                        .allMatch(node -> taskId(node).equals(firstTasks.get(node))
                                && scheduler
                                        .status(node)
                                        .map(s -> s.getState() == TaskState.TASK_RUNNING)
                                        .orElse(false)));
        assertThat(scheduler.history)
                .allSatisfy(version -> assertThat(version.steps()).allMatch(Step::isComplete));
    }

    @Test
    @Order(2)
    void aChangedHeapRelaunchesEveryNodeOnceOneAtATimeOnItsOwnVolume() throws Exception {
        ServiceConfig biggerHeap = biggerHeap();

        scheduler = InProcessScheduler.start(biggerHeap, mesos.masterUri());

        UUID target = scheduler.target().id();
        assertThat(firstConfigIds.values())
                .doesNotContain(target)
                .hasSize(3)
                .allMatch(firstConfigIds.get("node-0")::equals);
        assertThat(scheduler.history.get(0).steps())
                .allMatch(step -> step.status() == Status.PENDING
                        && step.message().startsWith("config update: to be relaunched with config " + target));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> scheduler.plans().deploy().isComplete()
                        && NODES.stream()
                                .allMatch(
                                        node -> configIdOf(scheduler.task(node).orElseThrow())
                                                .equals(target)));

        for (String node : NODES) {
            TaskInfo task = scheduler.task(node).orElseThrow();
            assertThat(TaskData.decode(task.getData(), CassandraNodeSpec.class).heapMb())
                    .isEqualTo(deployed.nodes().heapMb() + 8);
            // launched twice on the same volume: the first deploy's task, then the update's
            assertThat(marker(node))
                    .containsExactly(firstTasks.get(node), task.getTaskId().getValue());
            JsonNode seen = TaskData.decode(scheduler.status(node).orElseThrow().getData(), JsonNode.class);
            assertThat(seen.get("marker_existed").asBoolean()).isTrue();
        }
        // never more than one node down (drained, relaunching or not yet ready), in plan order
        List<String> order = new ArrayList<>();
        for (Plan version : scheduler.history) {
            List<String> down = version.steps()
                    .filter(step -> step.status() != Status.COMPLETE && step.status() != Status.PENDING)
                    .map(Step::node)
                    .toList();
            assertThat(down).as("nodes down at once").hasSizeLessThanOrEqualTo(1);
            down.stream().filter(node -> !order.contains(node)).forEach(order::add);
        }
        assertThat(order).containsExactlyElementsOf(NODES);
        assertThat(scheduler.plans().deploy().status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    @Order(3)
    void theSameConfigAfterARestartRelaunchesNothing() {
        Map<String, String> updated = new LinkedHashMap<>();
        ServiceConfig biggerHeap = biggerHeap();

        scheduler = InProcessScheduler.start(biggerHeap, mesos.masterUri());
        for (String node : NODES) {
            updated.put(node, taskId(node));
        }

        assertThat(scheduler.plans().deploy().status()).isEqualTo(Status.COMPLETE);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.isSubscribed());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> NODES.stream().allMatch(node -> taskId(node).equals(updated.get(node))));
        assertThat(scheduler.history)
                .allSatisfy(version -> assertThat(version.steps()).allMatch(Step::isComplete));
    }

    @Test
    @Order(4)
    void aNodeThatDoesNotComeBackStopsTheUpdateWithTheOthersOnTheirConfigAndANewTargetRetriesIt() {
        ServiceConfig working = biggerHeap();
        ServiceConfig failing = working.withCassandra(new CassandraConfig(
                deployed.cassandra().clusterName(),
                deployed.cassandra().numTokens(),
                Map.of(TestCassandraExecutor.FAIL_TO_START, true)));

        scheduler = InProcessScheduler.start(failing, mesos.masterUri());
        Map<String, String> before = new LinkedHashMap<>();
        for (String node : NODES) {
            before.put(node, taskId(node));
        }
        UUID previous = configIdOf(scheduler.task("node-1").orElseThrow());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.step("node-0").status() == Status.ERROR);
        assertThat(scheduler.plans().deploy().status()).isEqualTo(Status.ERROR);
        assertThat(scheduler.step("node-0").message()).contains("failed 3 of 3 attempts", "Cassandra did not start");
        // the rest untouched: their tasks run the previous config, and their steps wait
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> List.of("node-1", "node-2").stream()
                        .allMatch(node -> taskId(node).equals(before.get(node))
                                && scheduler
                                        .status(node)
                                        .map(s -> s.getState() == TaskState.TASK_RUNNING)
                                        .orElse(false)
                                && scheduler.step(node).status() == Status.PENDING));
        assertThat(configIdOf(scheduler.task("node-2").orElseThrow())).isEqualTo(previous);
        scheduler.close();

        // the operator goes back to the config that works: the failed node is tried again, the others keep running it
        scheduler = InProcessScheduler.start(working, mesos.masterUri());
        assertThat(scheduler.target().id()).isEqualTo(previous);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.plans().deploy().isComplete()
                        && configIdOf(scheduler.task("node-0").orElseThrow()).equals(previous));
        assertThat(taskId("node-1")).isEqualTo(before.get("node-1"));
        assertThat(taskId("node-2")).isEqualTo(before.get("node-2"));
    }

    @Test
    @Order(5)
    void anInterruptedPlanHoldsTheUpdateUntilContinued() {
        ServiceConfig working = biggerHeap();
        scheduler = InProcessScheduler.start(working, mesos.masterUri());
        assertThat(scheduler.plans().interrupt("deploy")).isTrue();
        scheduler.close();
        ServiceConfig evenBiggerHeap = deployed.withNodes(deployed.nodes()
                .withResources(
                        deployed.nodes().cpus(),
                        deployed.nodes().memMb(),
                        deployed.nodes().diskMb(),
                        deployed.nodes().heapMb() + 16));
        Map<String, String> before = new LinkedHashMap<>();

        scheduler = InProcessScheduler.start(evenBiggerHeap, mesos.masterUri());
        for (String node : NODES) {
            before.put(node, taskId(node));
        }

        assertThat(scheduler.plans().deploy().status()).isEqualTo(Status.WAITING);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.isSubscribed());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> NODES.stream()
                        .allMatch(node -> taskId(node).equals(before.get(node))
                                && scheduler.step(node).status() == Status.PENDING));

        assertThat(scheduler.plans().proceed("deploy")).isTrue();
        UUID target = scheduler.target().id();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> scheduler.plans().deploy().isComplete()
                        && NODES.stream()
                                .allMatch(
                                        node -> configIdOf(scheduler.task(node).orElseThrow())
                                                .equals(target)));
    }

    private static ServiceConfig biggerHeap() {
        return deployed.withNodes(deployed.nodes()
                .withResources(
                        deployed.nodes().cpus(),
                        deployed.nodes().memMb(),
                        deployed.nodes().diskMb(),
                        deployed.nodes().heapMb() + 8));
    }
}

package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanProgress;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.junit.jupiter.api.Test;

/** The typed stores on the in-memory persister (the ZooKeeper round trip is in {@link RestartTest}). */
class StoresTest {
    private final MemoryPersister persister = new MemoryPersister();

    static TaskInfo task(String taskId) {
        return TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue("AG1"))
                .build();
    }

    static TaskStatus status(String taskId, TaskState state) {
        return TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setState(state)
                .build();
    }

    static NodeRecord record(String node) {
        return new NodeRecord(
                node,
                new AgentFacts("AG1", "host-1", "10.0.0.1", Map.of("rack", "r1")),
                "r1",
                new NodeReservation("res-" + node, "vol-" + node, Map.of("native", 9042)),
                Optional.empty(),
                false);
    }

    @Test
    void frameworkIdIsStoredAndCleared() {
        FrameworkStore store = new FrameworkStore(persister);
        assertThat(store.get()).isEmpty();

        store.store(FrameworkID.newBuilder().setValue("FW-1").build());
        assertThat(store.get()).map(FrameworkID::getValue).contains("FW-1");

        store.clear();
        assertThat(store.get()).isEmpty();
    }

    @Test
    void configsAreVersionedAndTheTargetMovesAtomicallyWithTheNewVersion() {
        ConfigStore store = new ConfigStore(persister);
        ServiceConfig first = ServiceConfig.defaults("cassandra");
        ServiceConfig second = first.withNodes(first.nodes().withCount(5));

        ConfigVersion v1 = store.storeAsTarget(first);
        ConfigVersion v2 = store.storeAsTarget(second);

        assertThat(store.targetId()).contains(v2.id());
        assertThat(store.target()).contains(v2);
        assertThat(store.get(v1.id())).map(ConfigVersion::config).contains(first);
        assertThat(store.ids()).containsExactlyInAnyOrder(v1.id(), v2.id());

        store.retainOnly(Set.of());
        assertThat(store.ids()).containsExactly(v2.id());
    }

    @Test
    void aLaunchReplacesTaskInfoAndRecordAndDropsTheOldTasksStatus() {
        TaskStore store = new TaskStore(persister);
        store.storeLaunch(task("node-0__1"), record("node-0"));
        assertThat(store.storeStatus(status("node-0__1", TaskState.TASK_RUNNING)))
                .isTrue();
        assertThat(store.taskStatus("node-0")).map(TaskStatus::getState).contains(TaskState.TASK_RUNNING);

        store.storeLaunch(task("node-0__2"), record("node-0"));

        assertThat(store.taskInfo("node-0")).map(t -> t.getTaskId().getValue()).contains("node-0__2");
        assertThat(store.taskStatus("node-0")).isEmpty();
        assertThat(store.record("node-0")).contains(record("node-0"));
    }

    @Test
    void statusesOfTasksOtherThanTheCurrentOneAreNotStored() {
        TaskStore store = new TaskStore(persister);
        store.storeLaunch(task("node-0__2"), record("node-0"));

        assertThat(store.storeStatus(status("node-0__1", TaskState.TASK_FAILED)))
                .isFalse();
        assertThat(store.storeStatus(status("node-9__1", TaskState.TASK_FAILED)))
                .isFalse();
        assertThat(store.storeStatus(status("not-ours", TaskState.TASK_FAILED))).isFalse();
        assertThat(store.taskStatus("node-0")).isEmpty();
    }

    @Test
    void refusesATaskStoredUnderAnotherNode() {
        assertThatThrownBy(() -> new TaskStore(persister).storeLaunch(task("node-1__1"), record("node-0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsTrackReplacementAndKnownReservations() {
        TaskStore store = new TaskStore(persister);
        store.storeLaunch(task("node-0__1"), record("node-0"));
        store.storeRecord(record("node-1"));
        assertThat(store.knownResourceIds()).containsExactlyInAnyOrder("res-node-0", "res-node-1");

        NodeRecord replaced = store.record("node-1").orElseThrow().markPermanentlyFailed();
        store.storeRecord(replaced);

        assertThat(store.record("node-1")).hasValueSatisfying(r -> {
            assertThat(r.permanentlyFailed()).isTrue();
            assertThat(r.replaceAddress()).contains("10.0.0.1");
        });
        assertThat(store.knownResourceIds()).containsExactly("res-node-0");
        assertThat(store.nodeNames()).containsExactly("node-0", "node-1");

        store.remove("node-1");
        assertThat(store.records()).containsOnlyKeys("node-0");
    }

    @Test
    void planProgressRoundTripsOntoAFreshlyBuiltPlan() {
        PlanStore store = new PlanStore(persister);
        ServiceConfig config = ServiceConfig.defaults("cassandra")
                .withNodes(NodesConfig.defaults().withCount(3));
        Plan plan = DeployPlanFactory.create(config, java.util.List.of());
        Step first = plan.candidates(Instant.EPOCH).get(0);
        Step launched = StepTransitions.launched(
                StepTransitions.declined(first, "insufficient mem"),
                TaskID.newBuilder().setValue("node-0__1").build());
        Plan progressed = plan.with(launched).interrupt();
        assertThat(store.load("deploy")).isEmpty();

        store.store("deploy", PlanProgress.of(progressed));
        Step failed = StepTransitions.failed(launched, "TASK_FAILED", config.retry(), Instant.EPOCH);
        store.storeStep("deploy", failed);

        Plan restored =
                store.load("deploy").orElseThrow().applyTo(DeployPlanFactory.create(config, java.util.List.of()));
        assertThat(restored.interrupted()).isTrue();
        assertThat(restored.step(first.id())).contains(failed);
        assertThat(restored).isEqualTo(progressed.with(failed));

        store.storeInterrupted("deploy", false);
        assertThat(store.load("deploy").orElseThrow().interrupted()).isFalse();
        store.delete("deploy");
        assertThat(store.load("deploy")).isEmpty();
    }

    @Test
    void placedNodesExcludeTheNodeItselfAndNodesAwaitingReplacement() {
        TaskStore store = new TaskStore(persister);
        store.storeRecord(record("node-0"));
        store.storeRecord(record("node-1"));
        store.storeRecord(record("node-2").markPermanentlyFailed());

        assertThat(store.placedExcept("node-0")).extracting(p -> p.nodeName()).containsExactly("node-1");
    }

    @Test
    void aRecommendationBecomesTheNodesRecord() {
        var agent = new AgentFacts("AG1", "host-1", "10.0.0.1", Map.of());
        var reservation = new NodeReservation("res", "vol", Map.of("native", 9042));
        var recommendation = new org.cassandramesos.scheduler.offer.Evaluation.Recommendation(
                "node-0",
                org.apache.mesos.v1.Protos.OfferID.newBuilder().setValue("O1").build(),
                java.util.List.of(),
                task("node-0__1"),
                agent,
                "r1",
                reservation,
                true);

        NodeRecord record = NodeRecord.launching(recommendation, Optional.of("10.0.0.9"));

        assertThat(record)
                .isEqualTo(new NodeRecord("node-0", agent, "r1", reservation, Optional.of("10.0.0.9"), false));
        assertThat(record.replaceDone().replaceAddress()).isEmpty();
    }

    @Test
    void corruptDataIsReportedWithItsPath() {
        persister.set("/nodes/node-0/record", "{not json".getBytes());
        assertThatThrownBy(() -> new TaskStore(persister).record("node-0"))
                .isInstanceOf(PersisterException.class)
                .hasMessageContaining("/nodes/node-0/record");
    }

    @Test
    void freshIdsAreUnique() {
        assertThat(ConfigVersion.fresh(ServiceConfig.defaults("a")).id()).isNotEqualTo(UUID.randomUUID());
    }
}

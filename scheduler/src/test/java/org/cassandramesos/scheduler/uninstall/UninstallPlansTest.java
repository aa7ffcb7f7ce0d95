package org.cassandramesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.PlanStore;
import org.junit.jupiter.api.Test;

class UninstallPlansTest {
    private static final Inventory INVENTORY = new Inventory(
            Map.of(
                    "node-0",
                    TaskInfo.newBuilder()
                            .setName("node-0")
                            .setTaskId(TaskID.newBuilder().setValue("t0"))
                            .setAgentId(AgentID.newBuilder().setValue("AG"))
                            .setExecutor(ExecutorInfo.newBuilder()
                                    .setExecutorId(ExecutorID.newBuilder().setValue("e0")))
                            .build()),
            Map.of("rid-0", "node-0"));

    @Test
    void aRestartedUninstallKeepsTheProgressItStoredSoReleasedReservationsAreNotAwaitedAgain() {
        MemoryPersister persister = new MemoryPersister();
        UninstallPlans first = UninstallPlans.load(new PlanStore(persister), INVENTORY);
        first.update(p -> UninstallTransitions.executorGone(p, "node-0", "executor exited"));
        first.update(p -> UninstallTransitions.released(p, Set.of("rid-0"), "host-a"));

        Plan restored = UninstallPlans.load(new PlanStore(persister), INVENTORY).current();

        assertThat(restored.steps().filter(s -> !s.node().isEmpty())).allMatch(Step::isComplete);
        assertThat(UninstallTransitions.readyToDeregister(restored)).isTrue();
    }

    @Test
    void afterTheStateIsDeletedNothingIsWrittenAgainAndTheRunningPlanAnswers202() {
        MemoryPersister persister = new MemoryPersister();
        UninstallPlans plans = UninstallPlans.load(new PlanStore(persister), INVENTORY);
        plans.stopPersisting();
        persister.delete("/plans");

        plans.update(p -> UninstallTransitions.executorGone(p, "node-0", "executor exited"));

        assertThat(persister.children("/plans")).isEmpty();
        assertThat(plans.isUninstall()).isTrue();
        assertThat(plans.planNames()).containsExactly("deploy");
        assertThat(UninstallPlans.nothingLeft().current().isComplete()).isTrue();
    }
}

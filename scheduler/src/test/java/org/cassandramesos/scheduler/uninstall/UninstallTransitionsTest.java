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
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.junit.jupiter.api.Test;

class UninstallTransitionsTest {
    private static final Inventory INVENTORY = new Inventory(
            Map.of("node-0", task("node-0"), "node-1", task("node-1")), Map.of("rid-0", "node-0", "rid-1", "node-1"));

    @Test
    void thePlanKillsThenUnreservesThenDeregistersAndIsServedAsDeploy() {
        Plan plan = UninstallPlanFactory.create(INVENTORY);

        assertThat(plan.name()).isEqualTo("deploy");
        assertThat(plan.phases())
                .extracting(p -> p.name())
                .containsExactly("kill-tasks", "unreserve-resources", "deregister-service");
        assertThat(plan.phases().get(0).steps()).extracting(Step::name).containsExactly("node-0", "node-1");
        assertThat(plan.phases().get(1).steps()).extracting(Step::name).containsExactly("rid-0", "rid-1");
        assertThat(plan.status()).isEqualTo(Status.PENDING);
        assertThat(UninstallTransitions.readyToDeregister(plan)).isFalse();
    }

    @Test
    void aKillStepCompletesOnlyOnceTheExecutorIsGoneAfterTheTaskEnded() {
        Plan plan = UninstallTransitions.killSent(UninstallPlanFactory.create(INVENTORY), "node-0", "t0");
        plan = UninstallTransitions.taskEnded(plan, "node-0", "TASK_KILLED");

        assertThat(step(plan, "node-0").status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(step(plan, "node-0").message()).contains("TASK_KILLED", "executor");
        plan = UninstallTransitions.executorGone(plan, "node-0", "executor exited");
        assertThat(step(plan, "node-0").isComplete()).isTrue();
        assertThat(step(plan, "node-1").isComplete()).isFalse();
    }

    @Test
    void aReservationReleasedWhileItsNodeStillRunsIsNotDoneYetButOnceReleasedAfterwardItIs() {
        Plan plan = UninstallPlanFactory.create(INVENTORY);
        plan = UninstallTransitions.released(plan, Set.of("rid-0"), "host-a");

        assertThat(step(plan, "rid-0").status()).isEqualTo(Status.IN_PROGRESS);
        plan = UninstallTransitions.executorGone(plan, "node-0", "executor exited");
        plan = UninstallTransitions.released(plan, Set.of("rid-0", "rid-foreign"), "host-a");

        assertThat(step(plan, "rid-0").isComplete()).isTrue();
        assertThat(step(plan, "rid-0").message()).contains("host-a");
        assertThat(step(plan, "rid-1").isComplete()).isFalse();
    }

    @Test
    void deregistrationWaitsForEveryOtherStepAndForAnInterruptedPlanToContinue() {
        Plan plan = UninstallPlanFactory.create(INVENTORY);
        for (String node : new String[] {"node-0", "node-1"}) {
            plan = UninstallTransitions.executorGone(plan, node, "executor exited");
        }
        plan = UninstallTransitions.released(plan, Set.of("rid-0"), "host-a");
        assertThat(UninstallTransitions.readyToDeregister(plan)).isFalse();
        plan = UninstallTransitions.released(plan, Set.of("rid-1"), "host-b");

        assertThat(UninstallTransitions.readyToDeregister(plan)).isTrue();
        assertThat(UninstallTransitions.readyToDeregister(plan.interrupt())).isFalse();
        Plan done = UninstallTransitions.deregistered(plan, "FW-1");
        assertThat(done.isComplete()).isTrue();
        assertThat(UninstallTransitions.readyToDeregister(done)).isFalse();
    }

    @Test
    void withNothingDeployedOnlyTheDeregisterStepRemains() {
        Plan plan = UninstallPlanFactory.create(new Inventory(Map.of(), Map.of()));

        assertThat(plan.phases()).extracting(p -> p.name()).containsExactly("deregister-service");
        assertThat(UninstallTransitions.readyToDeregister(plan)).isTrue();
    }

    private static Step step(Plan plan, String name) {
        return plan.steps().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static TaskInfo task(String node) {
        return TaskInfo.newBuilder()
                .setName(node)
                .setTaskId(TaskID.newBuilder().setValue(node + "__t"))
                .setAgentId(AgentID.newBuilder().setValue("AG"))
                .setExecutor(ExecutorInfo.newBuilder()
                        .setExecutorId(ExecutorID.newBuilder().setValue(node + "__e")))
                .build();
    }
}

package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final ServiceConfig config = ServiceConfig.defaults("svc");

    /** node-0 deployed, then its task died (the step is pending again). */
    private Plan node0DiedAfterDeploy(Plan plan) {
        Step step = plan.steps().findFirst().orElseThrow();
        TaskID task = TaskID.newBuilder().setValue("node-0__1").build();
        Step done = StepTransitions.forceComplete(StepTransitions.launched(step, task));
        Step died = StepTransitions.onTaskStatus(
                done,
                TaskStatus.newBuilder()
                        .setTaskId(task)
                        .setState(TaskState.TASK_FAILED)
                        .build(),
                config.retry(),
                NOW);
        return plan.with(died);
    }

    @Test
    void aRunningPlanFollowsItsStrategy() {
        Plan plan = DeployPlanFactory.create(config, List.of());

        assertThat(Candidates.of(plan, NOW, node -> false, node -> false))
                .extracting(Step::node)
                .containsExactly("node-0");
    }

    @Test
    void anInterruptedPlanStartsNoNewNodeButRelaunchesADeadOne() {
        Plan fresh = DeployPlanFactory.create(config, List.of()).interrupt();
        Plan degraded = node0DiedAfterDeploy(DeployPlanFactory.create(config, List.of()))
                .interrupt();

        assertThat(Candidates.of(fresh, NOW, node -> false, node -> false)).isEmpty();
        assertThat(Candidates.of(degraded, NOW, Set.of("node-0")::contains, node -> false))
                .extracting(Step::node)
                .containsExactly("node-0");
    }

    @Test
    void aPlanBlockedByConfigErrorsStillRelaunchesDeadNodes() {
        Plan blocked = node0DiedAfterDeploy(DeployPlanFactory.create(config, List.of("disk size cannot change")));

        assertThat(Candidates.of(blocked, NOW, Set.of("node-0")::contains, node -> false))
                .extracting(Step::node)
                .containsExactly("node-0");
        assertThat(Candidates.of(blocked, NOW, node -> false, node -> false)).isEmpty();
    }

    /** Every node deployed; then a config update gave each step back (their tasks still run). */
    private Plan updating() {
        Plan plan = DeployPlanFactory.create(config, List.of());
        for (Step step : plan.steps().toList()) {
            TaskID task = TaskID.newBuilder().setValue(step.node() + "__1").build();
            plan = plan.with(StepTransitions.configUpdate(
                    StepTransitions.forceComplete(StepTransitions.launched(step, task)),
                    java.util.Optional.empty(),
                    java.util.UUID.randomUUID()));
        }
        return plan;
    }

    @Test
    void aStepWhoseNodeStillRunsOnItsReservationTakesNoOffer() {
        Set<String> running = Set.of("node-0", "node-1", "node-2");

        assertThat(Candidates.of(updating(), NOW, node -> !running.contains(node), running::contains))
                .isEmpty();
        assertThat(Candidates.of(updating(), NOW, Set.of("node-0")::contains, Set.of("node-1", "node-2")::contains))
                .extracting(Step::node)
                .containsExactly("node-0");
    }

    @Test
    void aDeadNodeBehindAPendingUpdateIsRelaunchedAtOnce() {
        // node-0 waits for its turn (its task runs); node-2's task died
        assertThat(Candidates.of(updating(), NOW, Set.of("node-2")::contains, Set.of("node-0", "node-1")::contains))
                .extracting(Step::node)
                .containsExactly("node-2");
    }
}

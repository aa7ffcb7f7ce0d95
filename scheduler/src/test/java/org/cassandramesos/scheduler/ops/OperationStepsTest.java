package org.cassandramesos.scheduler.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.plan.JobStepTransitions;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;
import org.junit.jupiter.api.Test;

class OperationStepsTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    static Plan plan(JobKind kind) {
        return OperationPlanFactory.create(new Operation(
                UUID.randomUUID(),
                kind,
                List.of("node-0", "node-1", "node-2"),
                List.of(),
                List.of(),
                kind.needsBackupTarget() ? "b" : null,
                kind.needsBackupTarget() ? "s3://b/p" : null,
                0,
                false));
    }

    static Step step(Plan plan, String node) {
        return plan.steps().filter(s -> s.node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void aSerialOperationSendsToTheFirstNodeOnly() {
        List<OperationSteps.Action> actions = OperationSteps.next(plan(JobKind.REPAIR), node -> Optional.empty(), NOW);
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0)).isInstanceOf(OperationSteps.Send.class);
        assertThat(actions.get(0).step().node()).isEqualTo("node-0");
    }

    @Test
    void aParallelOperationSendsToEveryReadyNodeAndWaitsForTheOthers() {
        List<OperationSteps.Action> actions = OperationSteps.next(
                plan(JobKind.BACKUP),
                node -> node.equals("node-1") ? Optional.of("node-1 is not running") : Optional.empty(),
                NOW);
        assertThat(actions)
                .extracting(a -> a.getClass().getSimpleName() + " " + a.step().node())
                .containsExactly("Send node-0", "Wait node-1", "Send node-2");
    }

    @Test
    void jobsInFlightArePolledEvenWhileThePlanIsInterruptedAndNothingNewStarts() {
        Plan plan = plan(JobKind.BACKUP);
        plan = plan.with(JobStepTransitions.sending(step(plan, "node-0"), "job-0"))
                .interrupt();
        List<OperationSteps.Action> actions = OperationSteps.next(plan, node -> Optional.empty(), NOW);
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0)).isEqualTo(new OperationSteps.Poll(step(plan, "node-0"), "job-0"));
    }

    @Test
    void aSerialOperationDoesNotPassAStepInFlight() {
        Plan plan = plan(JobKind.CLEANUP);
        plan = plan.with(JobStepTransitions.sending(step(plan, "node-0"), "job-0"));
        assertThat(OperationSteps.next(plan, node -> Optional.empty(), NOW))
                .extracting(a -> a.getClass().getSimpleName())
                .containsExactly("Poll");
    }
}

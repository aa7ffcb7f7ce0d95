package org.cassandramesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.failed;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.ready;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.status;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.step;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.taskId;

import java.time.Duration;
import java.time.Instant;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StepTransitionsTest {
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(15));
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Step launched(String task) {
        return StepTransitions.launched(step("node-0"), taskId(task));
    }

    @Test
    void launchGoesToStartingAndCountsTheAttempt() {
        Step step = StepTransitions.launched(
                StepTransitions.declined(step("node-0"), "insufficient mem"), taskId("node-0__1"));

        assertThat(step.status()).isEqualTo(Status.STARTING);
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.taskId()).contains("node-0__1");
        assertThat(step.declineReason()).isEmpty();
    }

    @Test
    void runningWithoutTheReadinessSignalIsOnlyInProgress() {
        Step step = StepTransitions.onTaskStatus(
                launched("node-0__1"), status("node-0__1", TaskState.TASK_RUNNING), RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(step.message()).contains("waiting for the node to be Up/Normal");
    }

    @Test
    void runningAndReadyCompletesTheStep() {
        Step step = StepTransitions.onTaskStatus(launched("node-0__1"), ready("node-0__1"), RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.COMPLETE);
        assertThat(step.attempts()).isZero();
    }

    @Test
    void readinessNeedsTheLabelOnARunningTask() {
        assertThat(NodeReadiness.isReady(ready("t"))).isTrue();
        assertThat(NodeReadiness.isReady(status("t", TaskState.TASK_RUNNING))).isFalse();
        assertThat(NodeReadiness.isReady(
                        ready("t").toBuilder().setState(TaskState.TASK_FAILED).build()))
                .isFalse();
    }

    @Test
    void updatesOfAnotherTaskChangeNothing() {
        Step step = launched("node-0__2");

        assertThat(StepTransitions.onTaskStatus(step, failed("node-0__1", "old"), RETRY, NOW))
                .isEqualTo(step);
        assertThat(StepTransitions.onTaskStatus(step(""), ready("node-0__1"), RETRY, NOW))
                .isEqualTo(step(""));
    }

    @Test
    void aFailureIsRetriedAfterBackoff() {
        Step step = StepTransitions.onTaskStatus(launched("node-0__1"), failed("node-0__1", "boom"), RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.PENDING);
        assertThat(step.retryAt()).contains(NOW.plusSeconds(10));
        assertThat(step.taskId()).isEmpty();
        assertThat(step.message())
                .startsWith("attempt 1 of 3 failed: TASK_FAILED (REASON_COMMAND_EXECUTOR_FAILED): boom");
        assertThat(step.isDue(NOW.plusSeconds(9))).isFalse();
        assertThat(step.isDue(NOW.plusSeconds(10))).isTrue();
        // a duplicate of the same terminal update (e.g. from reconciliation) is not counted twice
        assertThat(StepTransitions.onTaskStatus(step, failed("node-0__1", "boom"), RETRY, NOW))
                .isEqualTo(step);
    }

    @Test
    void exhaustedRetriesEndInErrorWithTheLastFailure() {
        Step step = step("node-0");
        for (int attempt = 1; attempt <= 3; attempt++) {
            step = StepTransitions.launched(step, taskId("node-0__" + attempt));
            step = StepTransitions.onTaskStatus(step, failed("node-0__" + attempt, "exit " + attempt), RETRY, NOW);
        }

        assertThat(step.status()).isEqualTo(Status.ERROR);
        assertThat(step.message())
                .isEqualTo("failed 3 of 3 attempts; last: TASK_FAILED (REASON_COMMAND_EXECUTOR_FAILED): exit 3");
        assertThat(step.isDue(NOW.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(RETRY.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RETRY.backoffAfter(2)).isEqualTo(Duration.ofSeconds(15));
        RetryPolicy slow = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(slow.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(slow.backoffAfter(100)).isEqualTo(Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {
                "TASK_FAILED",
                "TASK_KILLED",
                "TASK_ERROR",
                "TASK_LOST",
                "TASK_DROPPED",
                "TASK_GONE",
                "TASK_GONE_BY_OPERATOR",
                "TASK_UNKNOWN",
                "TASK_FINISHED"
            })
    void everyTerminalStateOfANodeTaskCountsAsAFailure(TaskState state) {
        Step step = StepTransitions.onTaskStatus(launched("node-0__1"), status("node-0__1", state), RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.PENDING);
        assertThat(step.message()).contains(state.name());
    }

    @Test
    void finishedCompletesAOneShotStep() {
        Step job = StepTransitions.launched(
                Step.pending("repair", "repair", "repair-node-0", "node-0", Step.Goal.FINISHED),
                taskId("repair-node-0__1"));

        assertThat(StepTransitions.onTaskStatus(job, status("repair-node-0__1", TaskState.TASK_RUNNING), RETRY, NOW)
                        .status())
                .isEqualTo(Status.IN_PROGRESS);
        assertThat(StepTransitions.onTaskStatus(job, status("repair-node-0__1", TaskState.TASK_FINISHED), RETRY, NOW)
                        .status())
                .isEqualTo(Status.COMPLETE);
    }

    @Test
    void unreachableAgentsAreWaitedFor() {
        Step running = StepTransitions.onTaskStatus(
                launched("node-0__1"), status("node-0__1", TaskState.TASK_RUNNING), RETRY, NOW);

        Step step = StepTransitions.onTaskStatus(running, status("node-0__1", TaskState.TASK_UNREACHABLE), RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.message()).contains("unreachable");
    }

    @Test
    void aCompletedNodeThatWasUnreachableAndCameBackWithItsAgentStaysComplete() {
        Step complete = StepTransitions.onTaskStatus(launched("node-0__1"), ready("node-0__1"), RETRY, NOW);
        TaskStatus unreachable = status("node-0__1", TaskState.TASK_UNREACHABLE).toBuilder()
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_AGENT_REMOVED)
                .build();
        TaskStatus reregistered = status("node-0__1", TaskState.TASK_RUNNING).toBuilder()
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_AGENT_REREGISTERED)
                .build();

        Step cut = StepTransitions.onTaskStatus(complete, unreachable, RETRY, NOW);
        Step healed = StepTransitions.onTaskStatus(cut, reregistered, RETRY, NOW);

        assertThat(cut.status()).isEqualTo(Status.COMPLETE);
        assertThat(healed.status()).isEqualTo(Status.COMPLETE);
        assertThat(healed.message()).contains("re-registered");
        assertThat(healed.attempts()).isEqualTo(complete.attempts());
    }

    @Test
    void aNodeNotYetReadyWhenItsAgentCameBackStillWaitsForTheExecutorsReadyUpdate() {
        TaskStatus reregistered = status("node-0__1", TaskState.TASK_RUNNING).toBuilder()
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_AGENT_REREGISTERED)
                .build();

        Step step = StepTransitions.onTaskStatus(launched("node-0__1"), reregistered, RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(StepTransitions.onTaskStatus(step, ready("node-0__1"), RETRY, NOW)
                        .status())
                .isEqualTo(Status.COMPLETE);
    }

    @Test
    void reconciliationOfARunningNodeKeepsItComplete() {
        Step complete = StepTransitions.onTaskStatus(launched("node-0__1"), ready("node-0__1"), RETRY, NOW);
        TaskStatus reconciled = status("node-0__1", TaskState.TASK_RUNNING).toBuilder()
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .build();

        assertThat(StepTransitions.onTaskStatus(complete, reconciled, RETRY, NOW))
                .isEqualTo(complete);
    }

    @Test
    void aCompletedNodeThatDiesIsRelaunchedWithAFreshRetryBudget() {
        Step complete = StepTransitions.onTaskStatus(launched("node-0__1"), ready("node-0__1"), RETRY, NOW);

        Step step = StepTransitions.onTaskStatus(complete, failed("node-0__1", "oom"), RETRY, NOW);

        assertThat(step.status()).isEqualTo(Status.PENDING);
        assertThat(step.attempts()).isZero();
        assertThat(step.isDue(NOW)).isTrue();
        assertThat(step.message()).startsWith("failed after completion");
    }

    @Test
    void operatorRestartAndForceComplete() {
        Step error = StepTransitions.failed(
                launched("node-0__1"), "x", new RetryPolicy(1, Duration.ZERO, Duration.ZERO), NOW);
        assertThat(error.status()).isEqualTo(Status.ERROR);

        Step restarted = StepTransitions.restart(error);
        assertThat(restarted.status()).isEqualTo(Status.PENDING);
        assertThat(restarted.attempts()).isZero();
        assertThat(restarted.isDue(NOW)).isTrue();

        assertThat(StepTransitions.forceComplete(error).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void declineKeepsTheReasonAndPreparesThePendingStep() {
        Step step = StepTransitions.declined(step("node-0"), "insufficient mem: offered 2048 < needed 4352");

        assertThat(step.status()).isEqualTo(Status.PREPARED);
        assertThat(step.declineReason()).contains("insufficient mem: offered 2048 < needed 4352");
        assertThat(StepTransitions.declined(step, "other").declineReason()).contains("other");
    }
}

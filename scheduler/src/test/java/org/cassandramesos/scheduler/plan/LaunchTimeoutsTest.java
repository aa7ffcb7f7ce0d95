package org.cassandramesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.step;
import static org.cassandramesos.scheduler.plan.PlanTestSupport.taskId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.junit.jupiter.api.Test;

class LaunchTimeoutsTest {
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(15));
    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    private static final Instant LAUNCHED = Instant.parse("2026-12-07T10:00:00Z");

    private static Step launched(String task) {
        return StepTransitions.launched(StepTransitions.prepare(step("node-0")), taskId(task));
    }

    @Test
    void aSilentLaunchPastTheTimeoutGoesBackToPendingWithTheReasonAndTheRetryBackoff() {
        Instant now = LAUNCHED.plus(TIMEOUT);

        Step step = LaunchTimeouts.expired(launched("node-0__1"), false, LAUNCHED, TIMEOUT, RETRY, now)
                .orElseThrow();

        assertThat(step.status()).isEqualTo(Status.PENDING);
        assertThat(step.message()).contains("launch timed out", "node-0__1", "600 s", "rescinded");
        assertThat(step.taskId()).isEmpty();
        assertThat(step.attempts()).isEqualTo(1);
        assertThat(step.retryAt()).contains(now.plus(Duration.ofSeconds(10)));
    }

    @Test
    void beforeTheTimeoutNothingChanges() {
        assertThat(LaunchTimeouts.expired(
                        launched("node-0__1"),
                        false,
                        LAUNCHED,
                        TIMEOUT,
                        RETRY,
                        LAUNCHED.plus(TIMEOUT).minusMillis(1)))
                .isEmpty();
    }

    @Test
    void aLaunchThatGotAnyStatusIsNotSilent() {
        // a task fetching a large artifact may report late, but once it has reported the task's own statuses decide
        assertThat(LaunchTimeouts.expired(
                        launched("node-0__1"), true, LAUNCHED, TIMEOUT, RETRY, LAUNCHED.plus(Duration.ofDays(1))))
                .isEmpty();
    }

    @Test
    void onlyStartingStepsTimeOut() {
        Step running = StepTransitions.onTaskStatus(
                launched("node-0__1"),
                PlanTestSupport.status("node-0__1", org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING),
                RETRY,
                LAUNCHED);
        Step pending = step("node-0");

        assertThat(running.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(LaunchTimeouts.expired(running, false, LAUNCHED, TIMEOUT, RETRY, LAUNCHED.plus(Duration.ofDays(1))))
                .isEmpty();
        assertThat(LaunchTimeouts.expired(pending, false, LAUNCHED, TIMEOUT, RETRY, LAUNCHED.plus(Duration.ofDays(1))))
                .isEmpty();
    }

    @Test
    void theLastAllowedAttemptTimingOutIsAnError() {
        Step third = launched("node-0__1").withAttempts(3, Optional.empty());

        Step step = LaunchTimeouts.expired(third, false, LAUNCHED, TIMEOUT, RETRY, LAUNCHED.plus(TIMEOUT))
                .orElseThrow();

        assertThat(step.status()).isEqualTo(Status.ERROR);
        assertThat(step.message()).contains("failed 3 of 3 attempts", "launch timed out");
    }
}

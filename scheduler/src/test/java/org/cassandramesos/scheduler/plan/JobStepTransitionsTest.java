package org.cassandramesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.junit.jupiter.api.Test;

class JobStepTransitionsTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(60));
    final Step pending = Step.pending("repair", "repair", "node-1", "node-1", Step.Goal.FINISHED);

    static JobStatus job(String id, JobState state, String message) {
        return new JobStatus(id, JobKind.REPAIR, state, message, 1, null, null);
    }

    @Test
    void sendingANewJobIdStartsAnAttemptAndResendingTheSameIdDoesNot() {
        Step sent = JobStepTransitions.sending(pending, "op-node-1-a");
        assertThat(sent.status()).isEqualTo(Status.STARTING);
        assertThat(sent.taskId()).contains("op-node-1-a");
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(JobStepTransitions.sending(sent, "op-node-1-a").attempts()).isEqualTo(1);
    }

    @Test
    void runningThenSucceededCompletesTheStep() {
        Step sent = JobStepTransitions.sending(pending, "j1");
        Step running = JobStepTransitions.reported(sent, job("j1", JobState.RUNNING, "repairing ks1"), RETRY, NOW);
        assertThat(running.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(running.message()).isEqualTo("repairing ks1");
        assertThat(JobStepTransitions.reported(running, job("j1", JobState.SUCCEEDED, ""), RETRY, NOW)
                        .isComplete())
                .isTrue();
    }

    @Test
    void aStatusOfAnotherJobChangesNothing() {
        Step sent = JobStepTransitions.sending(pending, "j1");
        assertThat(JobStepTransitions.reported(sent, job("old", JobState.FAILED, "x"), RETRY, NOW))
                .isEqualTo(sent);
    }

    @Test
    void failuresBackOffThenEndInErrorWithTheExecutorsMessage() {
        Step step = pending;
        for (int attempt = 1; attempt <= 3; attempt++) {
            step = JobStepTransitions.sending(step, "j" + attempt);
            step = JobStepTransitions.reported(step, job("j" + attempt, JobState.FAILED, "disk full"), RETRY, NOW);
            if (attempt < 3) {
                assertThat(step.status()).isEqualTo(Status.PENDING);
                assertThat(step.taskId()).isEmpty();
                assertThat(step.isDue(NOW)).as("backing off").isFalse();
                assertThat(step.isDue(NOW.plusSeconds(120))).isTrue();
            }
        }
        assertThat(step.status()).isEqualTo(Status.ERROR);
        assertThat(step.message()).contains("failed 3 of 3", "disk full");
    }

    @Test
    void waitingForANodeIsPreparedWithTheReasonAndLeavesStepsInFlightAlone() {
        assertThat(JobStepTransitions.waitingForNode(pending, "node-1 is not running")
                        .message())
                .contains("not running");
        Step sent = JobStepTransitions.sending(pending, "j1");
        assertThat(JobStepTransitions.waitingForNode(sent, "x")).isEqualTo(sent);
    }

    @Test
    void stoppingEndsStepsNotDoneAndKeepsCompletedOnes() {
        Step done = JobStepTransitions.reported(
                JobStepTransitions.sending(pending, "j"), job("j", JobState.SUCCEEDED, ""), RETRY, NOW);
        assertThat(JobStepTransitions.stopped(done, "stopped")).isEqualTo(done);
        Step notRun = JobStepTransitions.stopped(pending, "operation stopped by an operator");
        assertThat(notRun.status()).isEqualTo(Status.ERROR);
        assertThat(notRun.message()).startsWith("not run");
        Step inFlight = JobStepTransitions.stopped(JobStepTransitions.sending(pending, "j"), "stopped");
        assertThat(inFlight.message()).startsWith("stopped while running");
    }
}

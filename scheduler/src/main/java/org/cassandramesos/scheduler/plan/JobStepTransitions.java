package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.cassandramesos.scheduler.config.RetryPolicy;

/**
 * Pure transitions of an operation step, whose work is a job on the node's executor (node API
 * {@code /v1/jobs/{id}}) rather than a Mesos task. The step's {@code taskId} holds the job id of the
 * current attempt. PREPARED: waiting for the node; STARTING: the job was sent; IN_PROGRESS: the executor
 * runs it; a FAILED job is a failed attempt (bounded retries with backoff, then ERROR with its message).
 */
public final class JobStepTransitions {
    private JobStepTransitions() {}

    /** The node cannot take the job now (not running, not ready, stopped by an operator). */
    public static Step waitingForNode(Step step, String why) {
        if (!step.status().isEligible()) {
            return step;
        }
        return step.with(Status.PREPARED, "waiting: " + why);
    }

    /**
     * The job with {@code jobId} is about to be sent (persist this before sending, so a restarted scheduler
     * polls the same id). A new id starts a new attempt.
     */
    public static Step sending(Step step, String jobId) {
        boolean newAttempt = !step.taskId().map(jobId::equals).orElse(false);
        int attempts = newAttempt ? step.attempts() + 1 : step.attempts();
        return step.with(Status.STARTING, "job " + jobId + " sent (attempt " + attempts + ")")
                .withAttempts(attempts, Optional.empty())
                .withTask(Optional.of(jobId))
                .withDeclineReason(Optional.empty());
    }

    /** What the executor says of the step's current job; a status of another job changes nothing. */
    public static Step reported(Step step, JobStatus job, RetryPolicy retry, Instant now) {
        if (!step.taskId().map(job.id()::equals).orElse(false) || step.isComplete()) {
            return step;
        }
        return switch (job.state()) {
            case RUNNING -> step.with(Status.IN_PROGRESS, job.message().isBlank() ? "running" : job.message());
            case SUCCEEDED ->
                step.with(Status.COMPLETE, job.message().isBlank() ? "succeeded" : job.message())
                        .withAttempts(0, Optional.empty());
            case FAILED, STOPPED ->
                StepTransitions.failed(
                        step, job.state() == JobState.STOPPED ? "job stopped on the node" : messageOf(job), retry, now);
        };
    }

    /** The executor could not be asked; the job may still run, so the step keeps its status. */
    public static Step unreachable(Step step, String why) {
        return step.isComplete() ? step : step.with(step.status(), why);
    }

    /** The job cannot be sent and retrying cannot help (e.g. its credentials are gone): ERROR, saying why. */
    public static Step unsendable(Step step, String why) {
        if (step.isComplete()) {
            return step;
        }
        return step.with(Status.ERROR, why)
                .withAttempts(step.attempts(), Optional.empty())
                .withTask(Optional.empty());
    }

    /** The operation was stopped: steps not done end here, saying why. */
    public static Step stopped(Step step, String why) {
        if (step.isComplete() || step.status() == Status.ERROR) {
            return step;
        }
        String was = step.status().isInFlight() ? "stopped while running (" + step.message() + ")" : "not run";
        return step.with(Status.ERROR, was + ": " + why).withAttempts(step.attempts(), Optional.empty());
    }

    private static String messageOf(JobStatus job) {
        return job.message().isBlank() ? "job failed" : job.message();
    }
}

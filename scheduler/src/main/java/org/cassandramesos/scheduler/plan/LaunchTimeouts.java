package org.cassandramesos.scheduler.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cassandramesos.scheduler.config.RetryPolicy;

/**
 * A launch that never got a status. A deploy step is STARTING from the ACCEPT with its LAUNCH until its task reports;
 * if the ACCEPT was lost (master failover mid-call, an HTTP error), its offer was rescinded, or the task never reported
 * at all, the step would wait forever. Past the launch timeout the attempt counts as failed: back to PENDING (with the
 * retry backoff) and the reason in the step's message, or ERROR once the retries are used up. Pure: the caller passes
 * the clock, kills the task (in case it does exist) and persists the step.
 */
public final class LaunchTimeouts {
    private LaunchTimeouts() {}

    /**
     * @param step           a deploy step
     * @param statusReported a status for the step's current task has arrived (from the agent, the master or
     *                       reconciliation): the launch is no longer silent
     * @param since          when the step's current task was launched (or first seen STARTING by this scheduler)
     * @param timeout        the launch timeout ({@code LAUNCH_TIMEOUT_S})
     * @return the step after the timeout, or empty while it has not passed (or does not apply)
     */
    public static Optional<Step> expired(
            Step step, boolean statusReported, Instant since, Duration timeout, RetryPolicy retry, Instant now) {
        if (step.status() != Status.STARTING
                || step.taskId().isEmpty()
                || statusReported
                || now.isBefore(since.plus(timeout))) {
            return Optional.empty();
        }
        String why = "launch timed out: no status for task " + step.taskId().get() + " within "
                + timeout.toSeconds() + " s (the ACCEPT may have failed, its offer been rescinded, or the task never "
                + "reported); its task was killed";
        return Optional.of(StepTransitions.failed(step, why, retry, now));
    }
}

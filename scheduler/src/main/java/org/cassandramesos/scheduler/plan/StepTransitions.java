package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.config.RetryPolicy;

/**
 * Pure step transitions: (step, event) → new step. No clocks or stores here; callers pass {@code now}
 * and persist the result. Retries are bounded: after {@link RetryPolicy#maxAttempts()} failed launches
 * a step goes to ERROR with the last failure in its message, and stays there until restarted.
 */
public final class StepTransitions {
    private StepTransitions() {}

    /** The strategy picked the step: it now looks for an offer. */
    public static Step prepare(Step step) {
        return step.status() == Status.PENDING ? step.with(Status.PREPARED, "waiting for an offer that fits") : step;
    }

    /** An offer did not fit; remember why, for the plan view. */
    public static Step declined(Step step, String reason) {
        return prepare(step).withDeclineReason(Optional.of(reason));
    }

    /** The ACCEPT with the step's LAUNCH went out. */
    public static Step launched(Step step, TaskID taskId) {
        int attempt = step.attempts() + 1;
        return step.with(Status.STARTING, "launching " + taskId.getValue() + " (attempt " + attempt + ")")
                .withAttempts(attempt, Optional.empty())
                .withTask(Optional.of(taskId.getValue()))
                .withDeclineReason(Optional.empty());
    }

    /** A status update for some task; updates of other tasks than the step's current one change nothing. */
    public static Step onTaskStatus(Step step, TaskStatus status, RetryPolicy retry, Instant now) {
        if (step.taskId().isEmpty()
                || !step.taskId().get().equals(status.getTaskId().getValue())) {
            return step;
        }
        return switch (status.getState()) {
            case TASK_STAGING, TASK_STARTING -> step.isComplete() ? step : step.with(Status.STARTING, "task starting");
            case TASK_RUNNING -> running(step, status);
            case TASK_KILLING -> step.with(step.status(), "task is being killed");
            case TASK_UNREACHABLE -> step.with(step.status(), "agent unreachable; waiting for it to come back");
            case TASK_FINISHED ->
                step.goal() == Step.Goal.FINISHED ? done(step, "finished") : failed(step, describe(status), retry, now);
            default -> failed(step, describe(status), retry, now);
        };
    }

    /**
     * The current attempt failed for a reason not carried by a task status (e.g. the launch timed out
     * or the master refused the ACCEPT).
     */
    public static Step failed(Step step, String why, RetryPolicy retry, Instant now) {
        if (step.isComplete()) {
            // it was done and broke later (e.g. the node died): start a fresh retry sequence at once
            return step.with(Status.PENDING, "failed after completion: " + why + "; relaunching")
                    .withAttempts(0, Optional.empty())
                    .withTask(Optional.empty());
        }
        int failures = Math.max(step.attempts(), 1);
        if (!retry.allowsRetryAfter(failures)) {
            return step.with(
                            Status.ERROR,
                            "failed " + failures + " of " + retry.maxAttempts() + " attempts; last: " + why)
                    .withAttempts(failures, Optional.empty())
                    .withTask(Optional.empty());
        }
        Instant at = now.plus(retry.backoffAfter(failures));
        return step.with(
                        Status.PENDING,
                        "attempt " + failures + " of " + retry.maxAttempts() + " failed: " + why + "; retrying after "
                                + at)
                .withAttempts(failures, Optional.of(at))
                .withTask(Optional.empty());
    }

    /**
     * The node must be placed anew (operator replace, or its agent is gone): a fresh retry sequence
     * at once, whatever state the step was in; the old task's later updates no longer match it.
     */
    public static Step replacing(Step step, String why) {
        return step.with(Status.PENDING, why + "; placing the node on another agent")
                .withAttempts(0, Optional.empty())
                .withTask(Optional.empty())
                .withDeclineReason(Optional.empty());
    }

    /**
     * The target config changed and the node's task runs another one: the done step is due again. It forgets the old
     * task (whose end is the drain, not a failed attempt) and starts a fresh retry budget for the relaunch.
     */
    public static Step configUpdate(Step step, Optional<java.util.UUID> from, java.util.UUID target) {
        return step.with(
                        Status.PENDING,
                        "config update: to be relaunched with config " + target
                                + from.map(id -> " (runs " + id + ")").orElse(""))
                .withAttempts(0, Optional.empty())
                .withTask(Optional.empty())
                .withDeclineReason(Optional.empty());
    }

    /**
     * The node's running task already runs the target config: nothing to relaunch. The step follows that task again,
     * so its end relaunches the node as any done step's does.
     */
    public static Step runsTarget(Step step, String taskId, java.util.UUID target) {
        return done(step, "runs config " + target).withTask(Optional.of(taskId));
    }

    /** Its turn in a config update: the node's task is being killed (drained); the relaunch follows its end. */
    public static Step draining(Step step, String why) {
        return step.with(Status.PREPARED, why).withTask(Optional.empty()).withDeclineReason(Optional.empty());
    }

    /** Its turn in a config update, but it may not go down now; {@code why} says what it waits for. */
    public static Step waiting(Step step, String why) {
        return step.status().isEligible() ? step.with(step.status(), why) : step;
    }

    /** Only the message changes (e.g. what follows a finished step). */
    public static Step noted(Step step, String why) {
        return step.with(step.status(), why);
    }

    /** A node a refused scale-in keeps: it serves on with its task {@code taskId} (a relaunch follows if that dies). */
    public static Step kept(Step step, Optional<String> taskId, String why) {
        return done(step, why).withTask(taskId);
    }

    /** A scale-in could not remove the node: the step stops there (restart it to try again). */
    public static Step removalFailed(Step step, String why) {
        return step.with(Status.ERROR, why);
    }

    /** Operator: run the step again from scratch, with a fresh retry budget. */
    public static Step restart(Step step) {
        return step.with(Status.PENDING, "restarted by operator")
                .withAttempts(0, Optional.empty())
                .withTask(Optional.empty())
                .withDeclineReason(Optional.empty());
    }

    /** The step's work was sent (e.g. a KILL) and its outcome is awaited. */
    public static Step started(Step step, String why) {
        return step.isComplete() ? step : step.with(Status.IN_PROGRESS, why).withDeclineReason(Optional.empty());
    }

    /** The step's work is observed done (e.g. its task ended, its reservation was released). */
    public static Step completed(Step step, String why) {
        return step.isComplete() ? step : done(step, why);
    }

    /** Operator: consider the step done. */
    public static Step forceComplete(Step step) {
        return step.with(Status.COMPLETE, "force-completed by operator")
                .withAttempts(step.attempts(), Optional.empty())
                .withDeclineReason(Optional.empty());
    }

    /**
     * An operator stopped (or is destroying) the node: it waits, saying why, and task updates no longer
     * move it (see {@code StatusHandler}), so nothing relaunches it.
     */
    public static Step heldByOperator(Step step, String why) {
        return step.with(Status.WAITING, why).withAttempts(0, Optional.empty()).withDeclineReason(Optional.empty());
    }

    /** The node was destroyed on purpose: nothing to deploy for it (start re-creates it). */
    public static Step destroyed(Step step, String why) {
        return step.with(Status.COMPLETE, why)
                .withAttempts(0, Optional.empty())
                .withTask(Optional.empty())
                .withDeclineReason(Optional.empty());
    }

    /**
     * An operator started a held node again: its task still runs (the executor restarts Cassandra and
     * reports ready), or it is relaunched.
     */
    public static Step releasedByOperator(Step step, boolean taskAlive, String why) {
        if (taskAlive) {
            return step.with(Status.IN_PROGRESS, why + "; waiting for the node to be Up/Normal and serve CQL");
        }
        return restart(step).with(Status.PENDING, why + "; relaunching");
    }

    private static Step running(Step step, TaskStatus status) {
        if (step.goal() == Step.Goal.FINISHED) {
            return step.with(Status.IN_PROGRESS, "running");
        }
        if (NodeReadiness.isReady(status)) {
            return done(step, "node is Up/Normal and serves CQL");
        }
        if (step.isComplete() && status.getReason() == TaskStatus.Reason.REASON_RECONCILIATION) {
            return step; // reconciliation answers carry no readiness labels; the node is still running
        }
        if (step.isComplete() && status.getSource() == TaskStatus.Source.SOURCE_MASTER) {
            // the master speaks for a task it had lost sight of (REASON_AGENT_REREGISTERED after a partition): the
            // task never stopped, and the executor has nothing new to say, so no ready update will follow
            return step.with(Status.COMPLETE, "agent re-registered; the node kept running");
        }
        return step.with(Status.IN_PROGRESS, "task running; waiting for the node to be Up/Normal and serve CQL");
    }

    private static Step done(Step step, String message) {
        return step.with(Status.COMPLETE, message)
                .withAttempts(0, Optional.empty())
                .withDeclineReason(Optional.empty());
    }

    private static String describe(TaskStatus status) {
        StringBuilder text = new StringBuilder(status.getState().name());
        if (status.hasReason()) {
            text.append(" (").append(status.getReason().name()).append(')');
        }
        if (status.hasMessage() && !status.getMessage().isBlank()) {
            text.append(": ").append(status.getMessage());
        }
        return text.toString();
    }
}

package org.cassandramesos.scheduler.plan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One unit of work, e.g. "deploy node-0". Immutable: transitions return a new step. The id is derived
 * from plan, phase and step names, so it stays the same across scheduler restarts and in the API.
 *
 * @param id            stable id
 * @param name          shown in the plan, e.g. {@code node-0}
 * @param node          the node the step acts on
 * @param goal          what completes the step
 * @param status        current status
 * @param message       what is going on, for humans
 * @param attempts      launches so far in the current retry sequence
 * @param retryAt       a failed step waits until then before its next attempt
 * @param taskId        the task launched for the current attempt
 * @param declineReason why the last offer considered did not fit
 */
public record Step(
        UUID id,
        String name,
        String node,
        Goal goal,
        Status status,
        String message,
        int attempts,
        Optional<Instant> retryAt,
        Optional<String> taskId,
        Optional<String> declineReason) {

    /** What the step's task must reach. */
    public enum Goal {
        /** A long-running node: TASK_RUNNING with the readiness signal. */
        RUNNING_AND_READY,
        /** A one-shot job: TASK_FINISHED. */
        FINISHED,
        /**
         * A node leaving the cluster (scale-in): decommissioned, its task killed, its reservation and volume released.
         * Never offered anything: {@code ops.ScaleIn} drives it.
         */
        REMOVED
    }

    public Step {
        message = message == null ? "" : message;
        retryAt = retryAt == null ? Optional.empty() : retryAt;
        taskId = taskId == null ? Optional.empty() : taskId;
        declineReason = declineReason == null ? Optional.empty() : declineReason;
    }

    public static Step pending(String plan, String phase, String name, String node, Goal goal) {
        return new Step(
                stableId(plan, phase, name),
                name,
                node,
                goal,
                Status.PENDING,
                "",
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static UUID stableId(String... names) {
        return UUID.nameUUIDFromBytes(String.join("/", names).getBytes(StandardCharsets.UTF_8));
    }

    /** Eligible for an offer at {@code now}: PENDING/PREPARED and past any retry backoff. */
    public boolean isDue(Instant now) {
        return status.isEligible() && retryAt.map(at -> !at.isAfter(now)).orElse(true);
    }

    public boolean isComplete() {
        return status == Status.COMPLETE;
    }

    Step with(Status newStatus, String newMessage) {
        return new Step(id, name, node, goal, newStatus, newMessage, attempts, retryAt, taskId, declineReason);
    }

    Step withAttempts(int newAttempts, Optional<Instant> newRetryAt) {
        return new Step(id, name, node, goal, status, message, newAttempts, newRetryAt, taskId, declineReason);
    }

    Step withTask(Optional<String> newTaskId) {
        return new Step(id, name, node, goal, status, message, attempts, retryAt, newTaskId, declineReason);
    }

    Step withDeclineReason(Optional<String> reason) {
        return new Step(id, name, node, goal, status, message, attempts, retryAt, taskId, reason);
    }
}

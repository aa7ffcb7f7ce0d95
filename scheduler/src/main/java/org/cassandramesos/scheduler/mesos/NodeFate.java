package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What a status of a node's current task says about the node's place (its agent, reservation and volume), as the Mesos
 * 1.11 master reports agent loss to a PARTITION_AWARE framework. Pure; docs/reliability.md "Task status handling".
 *
 * <ul>
 *   <li>TASK_GONE_BY_OPERATOR (an operator removed the agent: MARK_AGENT_GONE, {@code /machine/down}), or any state
 *       with REASON_AGENT_REMOVED_BY_OPERATOR: the place is {@link Lost} for good.</li>
 *   <li>TASK_UNREACHABLE: the agent may come back; {@link AgentUnreachable} since the master's unreachable time.</li>
 *   <li>Everything else, TASK_GONE included (a registered, healthy agent does not know the task: its reservation and
 *       volume are still there): the node stays {@link InPlace} and is relaunched there if its task ended.</li>
 * </ul>
 */
public sealed interface NodeFate {
    /** The node's place is still there: it runs, or is relaunched, on the same agent. */
    record InPlace() implements NodeFate {}

    /** The agent cannot be reached since {@code since}; it may come back with the task still running. */
    record AgentUnreachable(Instant since) implements NodeFate {}

    /** The place is gone for good: the node must be placed on another agent. */
    record Lost(String why) implements NodeFate {}

    /** What to do with a node whose agent has been unreachable for a while. */
    enum AfterGrace {
        /** Within the grace period: wait for the agent. */
        WAIT,
        /** A non-seed past the grace period: replace it elsewhere. */
        REPLACE,
        /** A seed past the grace period: other nodes bootstrap from it, so an operator decides ({@code node replace}). */
        OPERATOR_DECIDES
    }

    static NodeFate of(TaskStatus status, Instant now) {
        if (status.getState() == TaskState.TASK_GONE_BY_OPERATOR
                || status.getReason() == TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR) {
            return new Lost("agent removed by an operator (" + status.getState() + ")");
        }
        if (status.getState() == TaskState.TASK_UNREACHABLE) {
            Instant since = status.hasUnreachableTime()
                    ? Instant.ofEpochSecond(0, status.getUnreachableTime().getNanoseconds())
                    : now;
            return new AgentUnreachable(since.isAfter(now) ? now : since);
        }
        return new InPlace();
    }

    /** A node unreachable since {@code since}, at {@code now}. */
    static AfterGrace afterGrace(boolean seed, Instant since, Duration grace, Instant now) {
        if (since.plus(grace).isAfter(now)) {
            return AfterGrace.WAIT;
        }
        return seed ? AfterGrace.OPERATOR_DECIDES : AfterGrace.REPLACE;
    }
}

package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.state.NodeRecord;

/**
 * Decides, from a node's task statuses, what its record must say: whether its reservation is known to
 * exist, whether it must be placed anew (agent gone: at once for GONE, after a grace period for
 * UNREACHABLE), and when a replacement has joined. Pure apart from the unreachable timers it keeps.
 */
public final class NodeRecovery {
    static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_DROPPED, TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR, TaskState.TASK_LOST, TaskState.TASK_UNKNOWN);

    private final Duration agentGoneGrace;
    private final Map<String, Instant> unreachableSince = new HashMap<>();

    NodeRecovery(Duration agentGoneGrace) {
        this.agentGoneGrace = agentGoneGrace;
    }

    public static boolean isTerminal(TaskState state) {
        return TERMINAL.contains(state);
    }

    /**
     * The record after {@code status} of the node's current task; {@code seenBefore} says whether any
     * status of this task arrived earlier.
     */
    NodeRecord onStatus(NodeRecord record, TaskStatus status, boolean seenBefore, Instant now) {
        String node = record.nodeName();
        NodeRecord next = record;
        if (!next.launchConfirmed() && confirmsLaunch(status)) {
            next = next.confirmLaunch();
        }
        // a node already marked for replacement waits for nothing: late news of its old task must not
        // start a new grace period (which would replace the replacement)
        if (status.getState() == TaskState.TASK_UNREACHABLE && !record.permanentlyFailed()) {
            Instant since = status.hasUnreachableTime()
                    ? Instant.ofEpochSecond(0, status.getUnreachableTime().getNanoseconds())
                    : now;
            unreachableSince.putIfAbsent(node, since.isAfter(now) ? now : since);
        } else {
            unreachableSince.remove(node);
        }
        boolean agentGone = status.getState() == TaskState.TASK_GONE
                || status.getState() == TaskState.TASK_GONE_BY_OPERATOR;
        // a GONE answer about a task nobody ever heard of is a launch that never happened, not a dead node
        if (agentGone && seenBefore && !next.permanentlyFailed()) {
            next = next.markPermanentlyFailed();
        } else if (isTerminal(status.getState()) && !next.launchConfirmed() && next.reservation() != null) {
            next = next.forgetUnconfirmedReservation();
        }
        if (NodeReadiness.isReady(status) && next.replaceAddress().isPresent() && !next.permanentlyFailed()) {
            next = next.replaceDone();
        }
        return next;
    }

    /** Nodes unreachable for longer than the grace period, now; their timers are cleared. */
    List<String> expired(Instant now) {
        List<String> gone = new ArrayList<>();
        unreachableSince.forEach((node, since) -> {
            if (!since.plus(agentGoneGrace).isAfter(now)) {
                gone.add(node);
            }
        });
        gone.forEach(unreachableSince::remove);
        return gone;
    }

    void forget(String node) {
        unreachableSince.remove(node);
    }

    /** Only the agent or the executor speak about a task that really reached the agent. */
    private static boolean confirmsLaunch(TaskStatus status) {
        return status.getSource() == TaskStatus.Source.SOURCE_EXECUTOR
                || status.getSource() == TaskStatus.Source.SOURCE_AGENT
                || status.getState() == TaskState.TASK_RUNNING
                || status.getState() == TaskState.TASK_STARTING;
    }
}

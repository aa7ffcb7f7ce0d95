package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, from a node's task statuses, what its record must say: whether its reservation is known to
 * exist, whether it must be placed anew (see {@link NodeFate}: at once when an operator removed its agent; for a
 * non-seed after a grace period of UNREACHABLE; a healthy agent's TASK_GONE relaunches in place), and when a
 * replacement has joined. Pure apart from the unreachable timers it keeps.
 */
public final class NodeRecovery {
    static final Set<TaskState> TERMINAL = EnumSet.of(
            TaskState.TASK_FINISHED,
            TaskState.TASK_FAILED,
            TaskState.TASK_KILLED,
            TaskState.TASK_ERROR,
            TaskState.TASK_DROPPED,
            TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR,
            TaskState.TASK_LOST,
            TaskState.TASK_UNKNOWN);

    private static final Logger LOG = LoggerFactory.getLogger(NodeRecovery.class);

    private final Duration agentGoneGrace;
    private final Predicate<String> isSeed;
    private final Map<String, Instant> unreachableSince = new HashMap<>();
    private final Set<String> seedsLeftToOperator = new HashSet<>();

    /** No node is a seed (unit tests of the rest). */
    NodeRecovery(Duration agentGoneGrace) {
        this(agentGoneGrace, node -> false);
    }

    NodeRecovery(Duration agentGoneGrace, Predicate<String> isSeed) {
        this.agentGoneGrace = agentGoneGrace;
        this.isSeed = isSeed;
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
        NodeFate fate = NodeFate.of(status, now);
        // a node already marked for replacement waits for nothing: late news of its old task must not
        // start a new grace period (which would replace the replacement)
        if (fate instanceof NodeFate.AgentUnreachable unreachable && !record.permanentlyFailed()) {
            unreachableSince.putIfAbsent(node, unreachable.since());
        } else {
            unreachableSince.remove(node);
            seedsLeftToOperator.remove(node);
        }
        // the place of a node that never confirmed a launch there is not worth replacing: it is placed afresh below
        if (fate instanceof NodeFate.Lost && next.launchConfirmed() && !next.permanentlyFailed()) {
            next = next.markPermanentlyFailed();
        } else if (isTerminal(status.getState()) && !next.launchConfirmed() && next.reservation() != null) {
            next = next.forgetUnconfirmedReservation();
        }
        if (NodeReadiness.isReady(status) && next.replaceAddress().isPresent() && !next.permanentlyFailed()) {
            next = next.replaceDone();
        }
        return next;
    }

    /**
     * Non-seed nodes unreachable for longer than the grace period, now; their timers are cleared. A seed past the grace
     * is left to an operator (said once in the log) and keeps waiting for its agent.
     */
    List<String> expired(Instant now) {
        List<String> gone = new ArrayList<>();
        unreachableSince.forEach((node, since) -> {
            switch (NodeFate.afterGrace(isSeed.test(node), since, agentGoneGrace, now)) {
                case REPLACE -> gone.add(node);
                case OPERATOR_DECIDES -> {
                    if (seedsLeftToOperator.add(node)) {
                        LOG.warn(
                                "{}: seed unreachable since {}, longer than the grace period {}; seeds are not"
                                        + " replaced automatically: `node replace {}` if its agent is lost",
                                node,
                                since,
                                agentGoneGrace,
                                node);
                    }
                }
                case WAIT -> {
                    // its agent may still come back
                }
            }
        });
        gone.forEach(unreachableSince::remove);
        return gone;
    }

    void forget(String node) {
        unreachableSince.remove(node);
        seedsLeftToOperator.remove(node);
    }

    /** Only the agent or the executor speak about a task that really reached the agent. */
    private static boolean confirmsLaunch(TaskStatus status) {
        return status.getSource() == TaskStatus.Source.SOURCE_EXECUTOR
                || status.getSource() == TaskStatus.Source.SOURCE_AGENT
                || status.getState() == TaskState.TASK_RUNNING
                || status.getState() == TaskState.TASK_STARTING;
    }
}

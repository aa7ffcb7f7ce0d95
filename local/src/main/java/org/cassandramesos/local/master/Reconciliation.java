package org.cassandramesos.local.master;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * RECONCILE answers, as Mesos 1.11 computes them (src/master/master.cpp Master::reconcile, lines 8966-9160). Pure.
 *
 * <p>A task on an unreachable agent is no longer in the framework's {@code tasks} in Mesos (it moved to
 * {@code unreachableTasks}, master.cpp:11329; Framework::getTask looks in {@code tasks} only, framework.cpp:138):
 * implicit reconciliation leaves it out, and an explicit one answers case (4), TASK_UNREACHABLE with the time the
 * agent was marked unreachable.
 */
final class Reconciliation {
    enum AgentStatus {
        REGISTERED,
        UNREACHABLE,
        RECOVERING,
        GONE,
        UNKNOWN
    }

    private Reconciliation() {}

    /**
     * @param tasks the framework's live tasks by id (those in TASK_UNREACHABLE included: they are skipped here)
     * @param agentStatus what the master knows of an agent
     * @param unreachableSince when the registry marked an agent unreachable
     */
    static List<TaskStatus> answer(
            List<Call.Reconcile.Task> requested,
            Map<String, MasterTask> tasks,
            Function<AgentID, AgentStatus> agentStatus,
            Function<AgentID, Optional<Instant>> unreachableSince,
            boolean partitionAware) {
        List<TaskStatus> out = new ArrayList<>();
        if (requested.isEmpty()) {
            for (MasterTask t : tasks.values()) {
                if (t.state != TaskState.TASK_UNREACHABLE) out.add(known(t));
            }
            return out;
        }
        for (Call.Reconcile.Task r : requested) {
            MasterTask t = tasks.get(r.getTaskId().getValue());
            if (t != null && t.state != TaskState.TASK_UNREACHABLE) {
                out.add(known(t)); // case (1)
                continue;
            }
            AgentID agentId = r.hasAgentId() ? r.getAgentId() : t != null ? t.agentId : null;
            AgentStatus status = agentId == null ? AgentStatus.UNKNOWN : agentStatus.apply(agentId);
            TaskState state = switch (status) {
                case REGISTERED -> TaskState.TASK_GONE; // case (3)
                case UNREACHABLE -> TaskState.TASK_UNREACHABLE; // case (4)
                case RECOVERING -> null; // case (2): no answer until it re-registers
                case GONE -> TaskState.TASK_GONE_BY_OPERATOR; // case (5)
                case UNKNOWN -> TaskState.TASK_UNKNOWN; // case (6)
            };
            if (state == null) continue;
            if (!partitionAware) state = TaskState.TASK_LOST;
            TaskStatus answer = MasterStatuses.reconciliation(r.getTaskId(), agentId, state, null);
            if (status == AgentStatus.UNREACHABLE) {
                answer = MasterStatuses.withUnreachableTime(
                        answer.toBuilder().setMessage("Reconciliation: Task is unreachable"),
                        unreachableSince.apply(agentId).orElseGet(Instant::now));
            }
            out.add(answer);
        }
        return out;
    }

    private static TaskStatus known(MasterTask t) {
        return MasterStatuses.reconciliation(t.info.getTaskId(), t.agentId, t.state, t.latest);
    }
}

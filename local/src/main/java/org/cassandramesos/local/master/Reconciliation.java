package org.cassandramesos.local.master;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** RECONCILE answers, as Mesos 1.11 computes them (reference §4). Pure. */
final class Reconciliation {
    enum AgentStatus { REGISTERED, UNREACHABLE, RECOVERING, UNKNOWN }

    private Reconciliation() {}

    /**
     * @param tasks the framework's live tasks by id
     * @param agentStatus what the master knows of an agent
     */
    static List<TaskStatus> answer(List<Call.Reconcile.Task> requested, Map<String, MasterTask> tasks,
                                   Function<AgentID, AgentStatus> agentStatus, boolean partitionAware) {
        List<TaskStatus> out = new ArrayList<>();
        if (requested.isEmpty()) {
            for (MasterTask t : tasks.values()) out.add(known(t));
            return out;
        }
        for (Call.Reconcile.Task r : requested) {
            MasterTask t = tasks.get(r.getTaskId().getValue());
            if (t != null) {
                out.add(known(t));
                continue;
            }
            AgentID agentId = r.hasAgentId() ? r.getAgentId() : null;
            AgentStatus status = agentId == null ? AgentStatus.UNKNOWN : agentStatus.apply(agentId);
            TaskState state = switch (status) {
                case REGISTERED -> TaskState.TASK_GONE;
                case UNREACHABLE -> TaskState.TASK_UNREACHABLE;
                case RECOVERING -> null; // the agent may still re-register with the task: no answer yet
                case UNKNOWN -> TaskState.TASK_UNKNOWN;
            };
            if (state == null) continue;
            if (!partitionAware && state != TaskState.TASK_UNKNOWN) state = TaskState.TASK_LOST;
            if (!partitionAware && state == TaskState.TASK_UNKNOWN) state = TaskState.TASK_LOST;
            out.add(MasterStatuses.reconciliation(r.getTaskId(), agentId, state, null));
        }
        return out;
    }

    private static TaskStatus known(MasterTask t) {
        return MasterStatuses.reconciliation(t.info.getTaskId(), t.agentId, t.state, t.latest);
    }
}

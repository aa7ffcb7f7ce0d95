package org.cassandramesos.local.master;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.cluster.TaskStates;
import org.cassandramesos.local.resources.Resources;

/** The master's record of one task. Mutated only on the master's thread. */
final class MasterTask {
    final TaskInfo info;
    final AgentID agentId;
    final Resources resources;
    TaskState state = TaskState.TASK_STAGING;
    TaskStatus latest;
    final List<TaskStatus> statuses = new ArrayList<>();

    MasterTask(TaskInfo info, AgentID agentId) {
        this.info = info;
        this.agentId = agentId;
        this.resources = Resources.of(info.getResourcesList());
    }

    boolean isTerminal() {
        return TaskStates.isTerminal(state);
    }

    void record(TaskStatus status, TaskState latestState) {
        boolean known =
                status.hasUuid() && statuses.stream().anyMatch(s -> s.getUuid().equals(status.getUuid()));
        if (!known) statuses.add(status);
        state = latestState;
        latest = status.getState() == latestState ? status : (latest == null ? status : latest);
    }
}

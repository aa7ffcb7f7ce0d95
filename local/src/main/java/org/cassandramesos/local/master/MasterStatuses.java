package org.cassandramesos.local.master;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;

/** Status updates the master itself generates. */
final class MasterStatuses {
    private MasterStatuses() {}

    static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /**
     * An update the master generates itself: for tasks it drops or refuses in an ACCEPT (src/master/master.cpp:3992,
     * 4083), for an agent's tasks when it removes the agent (Master::__removeSlave, master.cpp:11017) and when an
     * unreachable agent re-registers (Master::_reregisterSlave, master.cpp:7062). Mesos creates all of them without a
     * uuid: the scheduler does not acknowledge them and no agent ever hears of them.
     */
    static TaskStatus unacknowledged(
            TaskID taskId, AgentID agentId, TaskState state, TaskStatus.Reason reason, String message) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(taskId)
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason)
                .setMessage(message)
                .setTimestamp(now());
        if (agentId != null) b.setAgentId(agentId);
        return b.build();
    }

    static TaskStatus withUnreachableTime(TaskStatus.Builder status, java.time.Instant since) {
        return status.setUnreachableTime(
                        TimeInfo.newBuilder().setNanoseconds(since.getEpochSecond() * 1_000_000_000L + since.getNano()))
                .build();
    }

    /** The TASK_KILLED a TEARDOWN records on each live task (master.cpp {@code removeFramework}): no uuid. */
    static TaskStatus frameworkRemoved(MasterTask task, org.apache.mesos.v1.Protos.FrameworkID framework) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(task.info.getTaskId())
                .setState(TaskState.TASK_KILLED)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_FRAMEWORK_REMOVED)
                .setMessage("Framework " + framework.getValue() + " removed")
                .setTimestamp(now());
        if (task.agentId != null) b.setAgentId(task.agentId);
        if (task.info.hasExecutor()) b.setExecutorId(task.info.getExecutor().getExecutorId());
        return b.build();
    }

    /** A reconciliation answer: SOURCE_MASTER, REASON_RECONCILIATION, no uuid (must not be acknowledged), no data. */
    static TaskStatus reconciliation(TaskID taskId, AgentID agentId, TaskState state, TaskStatus latest) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(taskId)
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setMessage("Reconciliation: " + (latest == null ? "task is unknown" : "latest task status"))
                .setTimestamp(now());
        if (agentId != null) b.setAgentId(agentId);
        if (latest != null) {
            if (latest.hasExecutorId()) b.setExecutorId(latest.getExecutorId());
            if (latest.hasHealthy()) b.setHealthy(latest.getHealthy());
            if (latest.hasUnreachableTime()) b.setUnreachableTime(latest.getUnreachableTime());
            if (latest.hasContainerStatus()) b.setContainerStatus(latest.getContainerStatus());
        }
        return b.build();
    }
}

package org.cassandramesos.local.master;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;
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

    static ByteString randomUuid() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }

    /** An update that stands for a state change (carries a uuid, like Mesos' master-generated updates). */
    static TaskStatus update(TaskID taskId, AgentID agentId, TaskState state, TaskStatus.Reason reason, String message) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(taskId).setState(state).setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason).setMessage(message).setTimestamp(now()).setUuid(randomUuid());
        if (agentId != null) b.setAgentId(agentId);
        if (state == TaskState.TASK_UNREACHABLE) {
            b.setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(System.currentTimeMillis() * 1_000_000L));
        }
        return b.build();
    }

    /** The TASK_KILLED a TEARDOWN records on each live task (master.cpp {@code removeFramework}): no uuid. */
    static TaskStatus frameworkRemoved(MasterTask task, org.apache.mesos.v1.Protos.FrameworkID framework) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(task.info.getTaskId()).setState(TaskState.TASK_KILLED)
                .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_FRAMEWORK_REMOVED)
                .setMessage("Framework " + framework.getValue() + " removed").setTimestamp(now());
        if (task.agentId != null) b.setAgentId(task.agentId);
        if (task.info.hasExecutor()) b.setExecutorId(task.info.getExecutor().getExecutorId());
        return b.build();
    }

    /** A reconciliation answer: SOURCE_MASTER, REASON_RECONCILIATION, no uuid (must not be acknowledged), no data. */
    static TaskStatus reconciliation(TaskID taskId, AgentID agentId, TaskState state, TaskStatus latest) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(taskId).setState(state).setSource(TaskStatus.Source.SOURCE_MASTER)
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

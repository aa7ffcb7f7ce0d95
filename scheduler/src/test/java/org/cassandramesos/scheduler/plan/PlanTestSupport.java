package org.cassandramesos.scheduler.plan;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;

final class PlanTestSupport {
    private PlanTestSupport() {}

    static TaskID taskId(String value) {
        return TaskID.newBuilder().setValue(value).build();
    }

    static TaskStatus status(String taskId, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(taskId(taskId)).setState(state).build();
    }

    static TaskStatus ready(String taskId) {
        return status(taskId, TaskState.TASK_RUNNING).toBuilder()
                .setLabels(NodeReadiness.readyLabels())
                .build();
    }

    static TaskStatus failed(String taskId, String message) {
        return status(taskId, TaskState.TASK_FAILED).toBuilder()
                .setReason(TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED)
                .setMessage(message)
                .build();
    }

    static Step step(String name) {
        return Step.pending("test", "phase", name, name, Step.Goal.RUNNING_AND_READY);
    }
}

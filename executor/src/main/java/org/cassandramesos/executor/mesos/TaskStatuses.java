package org.cassandramesos.executor.mesos;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.NodeReadiness;

/** Builds the status updates the executor sends (the driver adds uuid, source, timestamp, executor id). */
final class TaskStatuses {
    /** Mesos keeps status messages small; the log tail is cut to this. */
    static final int MAX_MESSAGE_CHARS = 4000;

    private TaskStatuses() {}

    static TaskStatus status(TaskID task, TaskState state, String message) {
        return TaskStatus.newBuilder()
                .setTaskId(task)
                .setState(state)
                .setMessage(truncate(message))
                .build();
    }

    static TaskStatus status(TaskID task, TaskState state, String message, ByteString data) {
        return status(task, state, message).toBuilder().setData(data).build();
    }

    static TaskStatus running(TaskID task, String message, ByteString data) {
        return status(task, TaskState.TASK_RUNNING, message, data).toBuilder()
                .setHealthy(true)
                .setLabels(NodeReadiness.readyLabels())
                .build();
    }

    /** Keeps the first line (the reason) and the end (the freshest log lines). */
    static String truncate(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int firstLineEnd = message.indexOf('\n');
        String head = firstLineEnd > 0 && firstLineEnd < MAX_MESSAGE_CHARS / 2
                ? message.substring(0, firstLineEnd)
                : message.substring(0, MAX_MESSAGE_CHARS / 2);
        String marker = "\n[…]\n";
        return head
                + marker
                + message.substring(message.length() - (MAX_MESSAGE_CHARS - head.length() - marker.length()));
    }
}

package org.cassandramesos.executor.mesos;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Builds the status updates the executor sends (the driver adds uuid, source, timestamp, executor id). */
final class TaskStatuses {
    /** Mesos keeps status messages small; the log tail is cut to this. */
    static final int MAX_MESSAGE_CHARS = 4000;
    static final String READINESS_LABEL = "readiness";

    private TaskStatuses() {}

    static TaskStatus status(TaskID task, TaskState state, String message) {
        return TaskStatus.newBuilder().setTaskId(task).setState(state).setMessage(truncate(message)).build();
    }

    static TaskStatus status(TaskID task, TaskState state, String message, ByteString data) {
        return status(task, state, message).toBuilder().setData(data).build();
    }

    static TaskStatus running(TaskID task, String message, ByteString data) {
        return status(task, TaskState.TASK_RUNNING, message, data).toBuilder()
                .setHealthy(true)
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey(READINESS_LABEL).setValue("ready")))
                .build();
    }

    /** Keeps the first line (the reason) and the end (the freshest log lines). */
    static String truncate(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int firstLineEnd = message.indexOf('\n');
        String head = firstLineEnd > 0 && firstLineEnd < MAX_MESSAGE_CHARS / 2 ? message.substring(0, firstLineEnd) : message.substring(0, MAX_MESSAGE_CHARS / 2);
        String marker = "\n[…]\n";
        return head + marker + message.substring(message.length() - (MAX_MESSAGE_CHARS - head.length() - marker.length()));
    }
}

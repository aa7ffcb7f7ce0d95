package org.cassandramesos.scheduler.offer;

import java.util.UUID;
import org.apache.mesos.v1.Protos.TaskID;

/** Task ids are {@code <node>__<uuid>}: unique per launch, and the node is readable from the id. */
public final class TaskIds {
    private static final String SEPARATOR = "__";

    private TaskIds() {}

    public static TaskID newTaskId(String nodeName) {
        return TaskID.newBuilder()
                .setValue(nodeName + SEPARATOR + UUID.randomUUID())
                .build();
    }

    /** The node a task id belongs to; throws IllegalArgumentException for ids we did not make. */
    public static String nodeName(TaskID taskId) {
        String value = taskId.getValue();
        int at = value.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("task id '" + value + "' is not <node>__<uuid>");
        }
        return value.substring(0, at);
    }

    public static String executorId(String nodeName) {
        return nodeName + "-executor";
    }
}

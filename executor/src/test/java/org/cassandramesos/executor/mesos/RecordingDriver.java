package org.cassandramesos.executor.mesos;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.mesos.executor.ExecutorDriver;

/** The agent side of the executor in tests: keeps every update and framework message sent. */
final class RecordingDriver implements ExecutorDriver {
    final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    final List<byte[]> messages = new CopyOnWriteArrayList<>();

    @Override
    public void update(TaskStatus status) {
        updates.add(status);
    }

    @Override
    public void message(byte[] data) {
        messages.add(data);
    }

    List<TaskState> states(String taskId) {
        return updates.stream()
                .filter(u -> u.getTaskId().getValue().equals(taskId))
                .map(TaskStatus::getState)
                .toList();
    }

    TaskStatus last(String taskId, TaskState state) {
        return updates.stream()
                .filter(u -> u.getTaskId().getValue().equals(taskId) && u.getState() == state)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + state + " for " + taskId + " in " + updates));
    }
}

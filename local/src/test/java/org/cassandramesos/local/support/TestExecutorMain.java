package org.cassandramesos.local.support;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.mesos.executor.Executor;
import org.cassandramesos.mesos.executor.ExecutorClient;
import org.cassandramesos.mesos.executor.ExecutorDriver;

/**
 * The executor the local tests launch as a real process (through {@link ExecutorClient}). On LAUNCH it
 * starts a child process (so tests can check whole trees are killed), reads and rewrites
 * {@code $MESOS_SANDBOX/data/marker} (proving the volume is linked and survives), and reports
 * TASK_RUNNING with {@code previous-marker=<content>;child-pid=<pid>;ip=<LIBPROCESS_IP>} as message.
 */
public final class TestExecutorMain implements Executor {
    private final Map<TaskID, Process> children = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(ExecutorClient.fromEnvironment(System.getenv(), new TestExecutorMain())
                .run());
    }

    @Override
    public void subscribed(ExecutorDriver driver, Event.Subscribed subscribed) {}

    @Override
    public void launch(ExecutorDriver driver, TaskInfo task) {
        try {
            Path sandbox = Path.of(System.getenv("MESOS_SANDBOX"));
            Path marker = sandbox.resolve("data").resolve("marker");
            String previous = Files.exists(marker) ? Files.readString(marker) : "none";
            if (Files.isDirectory(sandbox.resolve("data")))
                Files.writeString(marker, task.getTaskId().getValue());
            Process child = new ProcessBuilder("sleep", "600").start();
            children.put(task.getTaskId(), child);
            driver.update(TaskStatus.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setState(TaskState.TASK_RUNNING)
                    .setMessage("previous-marker=" + previous + ";child-pid=" + child.pid() + ";ip="
                            + System.getenv("LIBPROCESS_IP"))
                    .setData(ByteString.copyFrom(task.getData().toStringUtf8(), StandardCharsets.UTF_8))
                    .build());
        } catch (IOException e) {
            driver.update(TaskStatus.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setState(TaskState.TASK_FAILED)
                    .setMessage(e.toString())
                    .build());
        }
    }

    @Override
    public void kill(ExecutorDriver driver, TaskID taskId, KillPolicy policy) {
        if ("ignore-kill".equals(System.getenv("TEST_EXECUTOR_MODE"))) return;
        Process child = children.remove(taskId);
        if (child != null) child.destroy();
        driver.update(TaskStatus.newBuilder()
                .setTaskId(taskId)
                .setState(TaskState.TASK_KILLED)
                .build());
    }

    @Override
    public void message(ExecutorDriver driver, byte[] data) {
        driver.message(data);
    }

    @Override
    public void shutdown(ExecutorDriver driver) {
        for (TaskID id : children.keySet()) kill(driver, id, KillPolicy.getDefaultInstance());
    }

    @Override
    public void error(ExecutorDriver driver, String message) {}
}

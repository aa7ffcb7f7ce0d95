package org.cassandramesos.scheduler.mesos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.ExecutorHandshake;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;

/**
 * Stands in for the Cassandra executor in scheduler component tests: like the real one it first gets its secrets
 * through the handshake (docs/secrets.md), then reports the node ready at once, and appends the task id to a marker
 * file in the persistent volume, so a test can tell a relaunch on the same volume (the marker was there) from a fresh
 * one. Its TASK_RUNNING data says what it saw; every framework message it gets is noted in
 * {@code <sandbox>/framework-messages.txt} (type and task id, never a payload). A task whose cassandra.yaml settings
 * hold {@link #FAIL_TO_START} fails at once, before touching the volume, as a node that cannot start does.
 */
public final class TestCassandraExecutor implements Executor {
    static final String MARKER = "marker";
    static final String MESSAGES = "framework-messages.txt";
    /** A cassandra.yaml key that makes this executor's node fail to start, as a bad setting would. */
    static final String FAIL_TO_START = "test_fail_to_start";

    private final Set<TaskID> launched = ConcurrentHashMap.newKeySet();
    private final ExecutorHandshake handshake = new ExecutorHandshake();

    public static void main(String[] args) {
        System.exit(ExecutorClient.fromEnvironment(System.getenv(), new TestCassandraExecutor())
                .run());
    }

    /** A shell command running this executor with the current test classpath. */
    public static String command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "exec '" + java + "' -Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto" + " -cp '"
                + System.getProperty("java.class.path") + "' " + TestCassandraExecutor.class.getName();
    }

    @Override
    public void subscribed(ExecutorDriver driver, Event.Subscribed subscribed) {}

    @Override
    public void launch(ExecutorDriver driver, TaskInfo task) {
        launched.add(task.getTaskId());
        handshake.start(
                driver,
                task.getTaskId().getValue(),
                secrets -> run(driver, task, secrets),
                why -> driver.update(status(task.getTaskId(), TaskState.TASK_FAILED)
                        .setMessage(why)
                        .build()));
    }

    private void run(ExecutorDriver driver, TaskInfo task, SecretBundle secrets) {
        CassandraNodeSpec spec = TaskData.decode(task.getData(), CassandraNodeSpec.class);
        driver.update(status(task.getTaskId(), TaskState.TASK_STARTING).build());
        if (spec.cassandraYaml().containsKey(FAIL_TO_START)) {
            // stands in for a Cassandra that cannot start with its settings (e.g. a heap the node cannot hold)
            launched.remove(task.getTaskId());
            driver.update(status(task.getTaskId(), TaskState.TASK_FAILED)
                    .setMessage("Cassandra did not start: " + FAIL_TO_START + " is set")
                    .build());
            return;
        }
        Path marker = Path.of(System.getenv("MESOS_SANDBOX"))
                .resolve(spec.volumePath())
                .resolve(MARKER);
        boolean existed = Files.exists(marker);
        try {
            Files.writeString(
                    marker,
                    task.getTaskId().getValue() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        boolean stopped = NodeReadiness.startsStopped(task.getLabels());
        seen.put("started", !stopped);
        seen.put("ip", System.getenv("LIBPROCESS_IP"));
        seen.put("marker_existed", existed);
        seen.put("replace_address", spec.replaceAddress().orElse(""));
        String token = secrets.get(SecretBundle.NODE_API_TOKEN).orElse("");
        seen.put("node_api_token", token);
        seen.put(
                "token_in_environment",
                System.getenv().values().stream().anyMatch(v -> !token.isEmpty() && v.contains(token)));
        seen.put("cql_password", secrets.get(SecretBundle.CQL_PASSWORD).orElse(""));
        TaskStatus.Builder running =
                status(task.getTaskId(), TaskState.TASK_RUNNING).setData(TaskData.encode(seen));
        if (!stopped) {
            running.setLabels(NodeReadiness.readyLabels());
        }
        driver.update(running.build());
    }

    @Override
    public void kill(ExecutorDriver driver, TaskID taskId, KillPolicy policy) {
        if (launched.remove(taskId)) {
            driver.update(status(taskId, TaskState.TASK_KILLED).build());
        }
    }

    @Override
    public void message(ExecutorDriver driver, byte[] data) {
        String note;
        try {
            SecretsMessage message = SecretsMessage.decode(data);
            note = message.getClass().getSimpleName() + " " + message.taskId();
        } catch (IllegalArgumentException e) {
            note = "foreign " + data.length + " bytes";
        }
        try {
            Files.writeString(
                    Path.of(System.getenv("MESOS_SANDBOX")).resolve(MESSAGES),
                    note + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handshake.received(data);
    }

    @Override
    public void shutdown(ExecutorDriver driver) {
        for (TaskID task : Set.copyOf(launched)) {
            kill(driver, task, null);
        }
    }

    @Override
    public void error(ExecutorDriver driver, String message) {}

    private static TaskStatus.Builder status(TaskID task, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(task).setState(state);
    }
}

package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The Mesos executor running a real Cassandra node, with the agent replaced by a recording driver. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraExecutorTest {
    private static final String IP = "127.0.0.2";
    private static final String TOKEN = "executor-test-token";
    private static final Duration READY = Duration.ofSeconds(120);

    @TempDir
    static Path sandbox;

    private static CassandraExecutor executor;
    private static final RecordingDriver driver = new RecordingDriver();
    private static CassandraNodeSpec spec;

    @BeforeAll
    static void createExecutor() throws Exception {
        Files.createDirectories(sandbox.resolve("volume"));
        spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        executor = new CassandraExecutor(new ExecutorEnvironment(
                sandbox,
                IP,
                TestSpecs.cassandraHome(),
                Optional.of(SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, TOKEN))),
                Duration.ofSeconds(60),
                false));
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
        for (TaskStatus update : driver.updates) {
            if (update.hasData() && !update.getData().isEmpty()) {
                JsonNode report = json(update.getData());
                if (report.hasNonNull("pid")) {
                    long pid = report.get("pid").asLong();
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                            .as("Cassandra pid %d", pid)
                            .isIn(Optional.empty(), Optional.of(false));
                }
            }
        }
    }

    private static JsonNode json(ByteString data) {
        return TaskData.decode(data, JsonNode.class);
    }

    private static TaskInfo task(String id, ByteString data) {
        return TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue("agent-1"))
                .setData(data)
                .build();
    }

    private static HttpResponse<String> nodeApi(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://" + IP + ":" + spec.ports().nodeApi() + path))
                                .header("Authorization", "token=" + TOKEN)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void taskDataThatIsNotANodeSpecFailsTheTask() {
        executor.launch(driver, task("bad-data", ByteString.copyFromUtf8("not json")));

        assertThat(driver.states("bad-data")).containsExactly(TaskState.TASK_FAILED);
        assertThat(driver.last("bad-data", TaskState.TASK_FAILED).getMessage())
                .contains("task data is not a valid CassandraNodeSpec");
    }

    @Test
    @Order(2)
    void missingPersistentVolumeFailsTheTaskAndSaysWhere() {
        CassandraNodeSpec noVolume = new CassandraNodeSpec(
                "node-0",
                "c",
                "cfg",
                List.of(IP),
                "dc1",
                "rack1",
                spec.ports(),
                256,
                16,
                Optional.empty(),
                true,
                "no-such-volume",
                Map.of());

        executor.launch(driver, task("no-volume", TaskData.encode(noVolume)));

        assertThat(driver.states("no-volume")).containsExactly(TaskState.TASK_FAILED);
        assertThat(driver.last("no-volume", TaskState.TASK_FAILED).getMessage())
                .contains(
                        "persistent volume is missing",
                        sandbox.resolve("no-such-volume").toString());
    }

    @Test
    @Order(3)
    void cassandraRejectingItsConfigFailsTheTaskWithCassandrasComplaint() {
        CassandraNodeSpec badSetting = new CassandraNodeSpec(
                "node-0",
                "c",
                "cfg",
                List.of(IP),
                "dc1",
                "rack1",
                spec.ports(),
                256,
                16,
                Optional.empty(),
                true,
                "volume",
                Map.of("no_such_setting", 1));

        executor.launch(driver, task("bad-config", TaskData.encode(badSetting)));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> driver.states("bad-config").contains(TaskState.TASK_FAILED));
        assertThat(driver.states("bad-config")).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_FAILED);
        assertThat(driver.last("bad-config", TaskState.TASK_FAILED).getMessage())
                .contains("exited with status", "unexpectedly", "no_such_setting");
    }

    @Test
    @Order(4)
    void launchReportsStartingThenRunningOnceCassandraIsNormalAndAnswersCql() throws Exception {
        executor.launch(driver, task("node-0-a", TaskData.encode(spec)));

        assertThat(driver.states("node-0-a")).containsExactly(TaskState.TASK_STARTING);
        await().atMost(READY).until(() -> driver.states("node-0-a").contains(TaskState.TASK_RUNNING));
        TaskStatus running = driver.last("node-0-a", TaskState.TASK_RUNNING);
        JsonNode report = json(running.getData());
        assertThat(report.get("ip").asText()).isEqualTo(IP);
        assertThat(report.get("operation_mode").asText()).isEqualTo("NORMAL");
        assertThat(report.get("host_id").asText()).isNotBlank();
        assertThat(org.cassandramesos.protocol.NodeReadiness.isReady(running)).isTrue();
        assertThat(nodeApi("/").body()).isEqualTo("<xml><status>Running</status><error><![CDATA[]]></error></xml>");
    }

    @Test
    @Order(5)
    void killDrainsStopsAndReportsKilled() throws Exception {
        long pid = json(driver.last("node-0-a", TaskState.TASK_RUNNING).getData())
                .get("pid")
                .asLong();

        executor.kill(
                driver,
                TaskID.newBuilder().setValue("node-0-a").build(),
                KillPolicy.newBuilder()
                        .setGracePeriod(DurationInfo.newBuilder()
                                .setNanoseconds(Duration.ofSeconds(60).toNanos()))
                        .build());

        assertThat(driver.states("node-0-a"))
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLED);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThatThrownBy(() -> nodeApi("/")).isInstanceOf(ConnectException.class);
    }

    @Test
    @Order(6)
    void cassandraDyingFailsTheTaskWithTheReasonAndLogTail() throws Exception {
        executor.launch(driver, task("node-0-b", TaskData.encode(spec)));
        await().atMost(READY).until(() -> driver.states("node-0-b").contains(TaskState.TASK_RUNNING));
        long pid = json(driver.last("node-0-b", TaskState.TASK_RUNNING).getData())
                .get("pid")
                .asLong();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> driver.states("node-0-b").contains(TaskState.TASK_FAILED));
        TaskStatus failed = driver.last("node-0-b", TaskState.TASK_FAILED);
        assertThat(failed.getMessage())
                .startsWith("Cassandra (pid " + pid + ") was killed by SIGKILL unexpectedly; last log lines:");
        assertThat(failed.getMessage()).contains("INFO  [");
        assertThat(json(failed.getData()).get("exit_code").asInt()).isEqualTo(137);

        executor.kill(driver, TaskID.newBuilder().setValue("node-0-b").build(), KillPolicy.getDefaultInstance());
        assertThat(driver.states("node-0-b"))
                .as("a late KILL adds no second terminal update")
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FAILED);
    }

    @Test
    @Order(7)
    void shutdownStopsTheRunningNodeAndReportsKilled() {
        executor.launch(driver, task("node-0-c", TaskData.encode(spec)));
        await().atMost(READY).until(() -> driver.states("node-0-c").contains(TaskState.TASK_RUNNING));
        long pid = json(driver.last("node-0-c", TaskState.TASK_RUNNING).getData())
                .get("pid")
                .asLong();

        executor.shutdown(driver);

        assertThat(driver.states("node-0-c")).endsWith(TaskState.TASK_KILLED);
        assertThat(driver.states("node-0-c"))
                .filteredOn(s -> s == TaskState.TASK_KILLED)
                .hasSize(1);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
    }
}

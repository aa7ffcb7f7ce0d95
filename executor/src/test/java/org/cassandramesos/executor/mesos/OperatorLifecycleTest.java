package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
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
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003's verbs through the node API of a task the executor runs (real Cassandra on 127.0.0.12, agent replaced by
 * a recording driver): operator stops keep the task alive, not ready; starts make it ready again; data survives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorLifecycleTest {
    private static final String IP = "127.0.0.12";
    private static final String TOKEN = "lifecycle-token";
    private static final String TASK = "node-0-ops";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path sandbox;

    private static CassandraExecutor executor;
    private static final RecordingDriver driver = new RecordingDriver();
    private static CassandraNodeSpec spec;

    @BeforeAll
    static void launch() throws Exception {
        Files.createDirectories(sandbox.resolve("volume"));
        spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        executor = new CassandraExecutor(new ExecutorEnvironment(
                sandbox,
                IP,
                TestSpecs.cassandraHome(),
                Optional.of(SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, TOKEN))),
                Duration.ofSeconds(60),
                false));
        executor.launch(
                driver,
                TaskInfo.newBuilder()
                        .setName("node-0")
                        .setTaskId(TaskID.newBuilder().setValue(TASK))
                        .setAgentId(AgentID.newBuilder().setValue("agent-1"))
                        .setData(TaskData.encode(spec))
                        .build());
        awaitReadyUpdates(1);
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE demo WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE demo.kv (k int PRIMARY KEY, v text)");
            for (int i = 0; i < 20; i++) {
                session.execute("INSERT INTO demo.kv (k, v) VALUES (?, ?)", i, "v" + i);
            }
        }
    }

    @AfterAll
    static void killAndClose() {
        try {
            executor.kill(driver, TaskID.newBuilder().setValue(TASK).build(), KillPolicy.getDefaultInstance());
            assertThat(driver.states(TASK)).endsWith(TaskState.TASK_KILLED);
        } finally {
            executor.close();
        }
        for (TaskStatus update : driver.updates) {
            if (update.getData().isEmpty()) {
                continue;
            }
            JsonNode report = TaskData.decode(update.getData(), JsonNode.class);
            if (report.hasNonNull("pid")) {
                assertThat(ProcessHandle.of(report.get("pid").asLong()).map(ProcessHandle::isAlive))
                        .isIn(Optional.empty(), Optional.of(false));
            }
        }
    }

    private static void awaitReadyUpdates(int count) {
        await().atMost(READY).pollInterval(Duration.ofMillis(300)).until(() -> readyUpdates() >= count);
    }

    private static long readyUpdates() {
        return driver.updates.stream()
                .filter(u -> u.getTaskId().getValue().equals(TASK))
                .filter(NodeReadiness::isReady)
                .count();
    }

    private static TaskStatus lastUpdate() {
        List<TaskStatus> mine = driver.updates.stream()
                .filter(u -> u.getTaskId().getValue().equals(TASK))
                .toList();
        return mine.get(mine.size() - 1);
    }

    /** A session with room for a schema change on a busy machine (the driver's 2 s default timed out in CI). */
    private static CqlSession session() {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build();
    }

    private static long rows() {
        try (CqlSession session = session()) {
            return session.execute("SELECT count(*) FROM demo.kv").one().getLong(0);
        }
    }

    private static HttpResponse<String> nodeApi(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + IP + ":" + spec.ports().nodeApi() + path))
                        .header("Authorization", "token=" + TOKEN)
                        .timeout(Duration.ofSeconds(90))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String status() throws Exception {
        return TaskData.mapper()
                .readTree(nodeApi("GET", "/v1/cassandra/info").body())
                .get("status")
                .asText();
    }

    private static long pid() throws Exception {
        return TaskData.mapper()
                .readTree(nodeApi("GET", "/v1/cassandra/status").body())
                .get("pid")
                .asLong();
    }

    private static void assertTaskNeverEnded() {
        assertThat(driver.states(TASK))
                .doesNotContain(TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_FINISHED);
    }

    @Test
    @Order(1)
    void shutdownDrainsAndStopsButTheTaskStaysRunningNotReady() throws Exception {
        long pid = pid();

        HttpResponse<String> shutdown = nodeApi("POST", "/v1/cassandra/shutdown");

        assertThat(shutdown.statusCode()).as(shutdown.body()).isEqualTo(204);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        TaskStatus last = lastUpdate();
        assertThat(last.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(NodeReadiness.isReady(last)).isFalse();
        assertThat(last.getMessage())
                .startsWith("Cassandra stopped by operator (shutdown): Cassandra (pid " + pid + ")")
                .contains("after a stop request");
        assertThat(status()).isEqualTo("stopped");
        assertTaskNeverEnded();
    }

    @Test
    @Order(2)
    void startBringsTheNodeBackReadyWithItsDataAndASecondStartIsAConflict() throws Exception {
        HttpResponse<String> start = nodeApi("POST", "/v1/cassandra/start");

        assertThat(start.statusCode()).as(start.body()).isEqualTo(204);
        awaitReadyUpdates(2);
        assertThat(status()).isEqualTo("active");
        assertThat(rows()).isEqualTo(20);
        HttpResponse<String> again = nodeApi("POST", "/v1/cassandra/start");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TaskData.mapper().readTree(again.body()).get("message").asText())
                .isEqualTo("Cassandra is already running (pid " + pid() + ")");
        assertTaskNeverEnded();
    }

    @Test
    @Order(3)
    void stopKillsAtOnceAndTheTaskStaysRunningNotReady() throws Exception {
        long pid = pid();

        HttpResponse<String> stop = nodeApi("POST", "/v1/cassandra/stop");

        assertThat(stop.statusCode()).isEqualTo(204);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(lastUpdate().getMessage())
                .isEqualTo("Cassandra stopped by operator (stop): Cassandra (pid " + pid
                        + ") was killed by SIGKILL after a stop request");
        assertThat(NodeReadiness.isReady(lastUpdate())).isFalse();
        assertThat(status()).isEqualTo("stopped");
        assertTaskNeverEnded();
    }

    @Test
    @Order(4)
    void resetKillsAndStartsAgainKeepingTheData() throws Exception {
        assertThat(nodeApi("POST", "/v1/cassandra/start").statusCode()).isEqualTo(204);
        awaitReadyUpdates(3);
        long before = pid();

        HttpResponse<String> reset = nodeApi("POST", "/v1/cassandra/reset");

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(pid()).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        awaitReadyUpdates(4);
        assertThat(rows()).as("commit log replayed after the hard kill").isEqualTo(20);
        assertThat(driver.updates.stream()
                        .filter(u -> u.getTaskId().getValue().equals(TASK))
                        .map(TaskStatus::getMessage))
                .anyMatch(m -> m.startsWith(
                        "Cassandra stopped by operator (reset): Cassandra (pid " + before + ") was killed by SIGKILL"))
                .anyMatch(m -> m.startsWith("Cassandra started by operator (reset, pid "));
        assertTaskNeverEnded();
    }
}

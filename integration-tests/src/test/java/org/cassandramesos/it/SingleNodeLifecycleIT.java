package org.cassandramesos.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.it.support.CassandraOnLocalMesos;
import org.cassandramesos.it.support.Cql;
import org.cassandramesos.it.support.NodeApi;
import org.cassandramesos.it.support.NodePlan;
import org.cassandramesos.it.support.NodeTasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Cassandra node through the whole stack: the local Mesos fetches the executor and Cassandra tarballs, the real
 * executor runs a real node on agent 0's IP; kill and relaunch on the same reservation and volume keep the data;
 * the seed-000 node API drives the launched process; a SIGKILLed Cassandra fails the task with a readable reason.
 * The tests build on each other (one node per class), in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleNodeLifecycleIT {
    private static final int ROWS = 100;
    private static final Duration PROCESS_EXIT = Duration.ofSeconds(60);

    @TempDir
    static Path workDir;
    static CassandraOnLocalMesos cluster;
    static NodePlan node;
    static TaskStatus firstRunning;

    @BeforeAll
    static void launchNode() throws Exception {
        cluster = CassandraOnLocalMesos.start(workDir, 1);
        node = cluster.plan("node-0", 0, List.of(cluster.mesos().agentIp(0)));
        firstRunning = cluster.launch(node);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
            // Whatever a failed test left behind, closing the local Mesos must end it.
            await().atMost(PROCESS_EXIT).untilAsserted(() -> assertThat(cluster.census().alive()).isEmpty());
        }
    }

    @Test
    @Order(1)
    void theLaunchedExecutorRunsCassandraOnTheAgentIpAndItServesCql() throws Exception {
        assertThat(firstRunning.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(cluster.framework().statuses(firstRunning.getTaskId().getValue())).extracting(TaskStatus::getState)
                .containsSubsequence(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
        var report = CassandraOnLocalMesos.report(firstRunning);
        assertThat(report.path("ip").asText()).isEqualTo("127.0.0.2");
        assertThat(report.path("operation_mode").asText()).isEqualTo("NORMAL");
        assertThat(report.path("native_port").asInt()).isEqualTo(CassandraOnLocalMesos.NATIVE_PORT);
        long executorPid = cluster.executorPid(node).orElseThrow();
        assertThat(descendants(executorPid)).contains(CassandraOnLocalMesos.reportedPid(firstRunning));

        try (CqlSession session = Cql.session(node.ip(), node.ports().nativeTransport())) {
            session.execute("CREATE KEYSPACE it WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE it.kv (k int PRIMARY KEY, v text)");
            for (int i = 0; i < ROWS; i++) {
                session.execute("INSERT INTO it.kv (k, v) VALUES (?, ?)", i, "value-" + i);
            }
            assertThat(rows(session)).hasSize(ROWS).containsEntry(0, "value-0").containsEntry(ROWS - 1, "value-" + (ROWS - 1));
        }
    }

    @Test
    @Order(2)
    void aKilledNodeRelaunchedOnItsReservationAndVolumeStillHasItsRows() throws Exception {
        String firstTask = cluster.currentTask(node);
        long oldExecutor = cluster.executorPid(node).orElseThrow();
        long oldCassandra = CassandraOnLocalMesos.reportedPid(firstRunning);

        TaskStatus killed = cluster.kill(node);

        assertThat(killed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(cluster.framework().statuses(firstTask)).extracting(TaskStatus::getState)
                .containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_KILLED)
                .doesNotContain(TaskState.TASK_FAILED);
        await().atMost(PROCESS_EXIT).until(() -> gone(oldCassandra) && gone(oldExecutor));

        List<Offer> offers = cluster.offersHoldingReservation(node);
        List<Resource> offered = offers.stream().flatMap(o -> o.getResourcesList().stream()).toList();
        assertThat(offered).anySatisfy(r -> {
            assertThat(r.getDisk().getPersistence().getId()).isEqualTo(node.persistenceId());
            assertThat(r.getReservations(0).getLabels().getLabels(0).getValue()).isEqualTo(node.name());
        });
        TaskStatus relaunched = cluster.relaunch(node, offers);

        assertThat(relaunched.getTaskId().getValue()).isNotEqualTo(firstTask);
        assertThat(CassandraOnLocalMesos.reportedPid(relaunched)).isNotEqualTo(oldCassandra);
        try (CqlSession session = Cql.session(node.ip(), node.ports().nativeTransport())) {
            assertThat(rows(session)).hasSize(ROWS).containsEntry(42, "value-42");
        }
    }

    @Test
    @Order(3)
    void theNodeApiTakesASnapshotAndRestartsTheLaunchedCassandra() throws Exception {
        NodeApi api = cluster.nodeApi(node);

        NodeApi.Reply taken = api.put("snapshot", "application/xml", "<xml><snapshot>True</snapshot></xml>");
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        NodeApi.Reply listed = api.get("snapshot");
        assertThat(listed.status()).isEqualTo(200);
        Matcher last = Pattern.compile("<last-snapshot>([^<]+)</last-snapshot>").matcher(listed.body());
        assertThat(last.find()).as(listed.body()).isTrue();
        String tag = last.group(1);
        Path tableDir = tableDir("it", "kv");
        assertThat(tableDir.resolve("snapshots").resolve(tag)).isDirectory();
        try (Stream<Path> files = Files.list(tableDir.resolve("snapshots").resolve(tag))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(f -> f.endsWith("-Data.db"));
        }

        long pidBefore = api.status().path("pid").asLong();
        NodeApi.Reply restarted = api.postForm("", "restart=True");
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
        NodeApi.Reply status = api.get("");
        assertThat(status.body()).contains("<status>Running</status>");
        long pidAfter = api.status().path("pid").asLong();
        assertThat(pidAfter).isNotEqualTo(pidBefore);
        assertThat(gone(pidBefore)).isTrue();
        long executorPid = cluster.executorPid(node).orElseThrow();
        assertThat(descendants(executorPid)).contains(pidAfter);
        cluster.census().record(pidAfter, "cassandra " + node.name() + " after restart");

        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            try (CqlSession session = Cql.session(node.ip(), node.ports().nativeTransport())) {
                assertThat(rows(session)).hasSize(ROWS);
            }
        });
        assertThat(cluster.framework().statuses(cluster.currentTask(node))).extracting(TaskStatus::getState)
                .as("a requested restart is not a task failure").doesNotContain(TaskState.TASK_FAILED);
    }

    @Test
    @Order(4)
    void cassandraKilledWithSigkillFailsTheTaskWithAReadableReason() throws Exception {
        String task = cluster.currentTask(node);
        long executorPid = cluster.executorPid(node).orElseThrow();
        long cassandraPid = cluster.nodeApi(node).status().path("pid").asLong();
        assertThat(descendants(executorPid)).contains(cassandraPid);

        ProcessHandle.of(cassandraPid).orElseThrow().destroyForcibly(); // SIGKILL

        TaskStatus failed = cluster.framework().awaitStatus(task, TaskState.TASK_FAILED, Duration.ofSeconds(60));
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(failed.getMessage()).contains("pid " + cassandraPid).contains("SIGKILL");
        // With its only task ended and acknowledged, the executor exits.
        await().atMost(PROCESS_EXIT).until(() -> gone(executorPid));
    }

    @Test
    @Order(5)
    void noExecutorOrCassandraProcessOutlivesTheTasks() {
        assertThat(cluster.census().all()).hasSizeGreaterThanOrEqualTo(5); // 2 executors, 3 Cassandra JVMs
        await().atMost(PROCESS_EXIT).untilAsserted(() -> assertThat(cluster.census().alive()).isEmpty());
    }

    private static Map<Integer, String> rows(CqlSession session) {
        return session.execute("SELECT k, v FROM it.kv").all().stream()
                .collect(Collectors.toMap((Row r) -> r.getInt("k"), r -> r.getString("v")));
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).toList();
    }

    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** The table's directory on the persistent volume, under the agent's work dir. */
    private static Path tableDir(String keyspace, String table) throws Exception {
        Path ks = cluster.mesos().agentWorkDir(node.agent())
                .resolve("volumes/roles/" + NodeTasks.ROLE + "/" + node.persistenceId() + "/data/" + keyspace);
        try (Stream<Path> dirs = Files.list(ks)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(table + "-")).findFirst().orElseThrow();
        }
    }
}

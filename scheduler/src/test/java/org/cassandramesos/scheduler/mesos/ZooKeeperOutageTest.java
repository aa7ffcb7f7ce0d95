package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.leader.ProcessExit;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper stopped under a deployed service (three nodes of test executors on the local Mesos, the real scheduler as
 * its own process, a real ZooKeeper that is stopped and restarted on the same port with its data). During the outage a
 * node's executor is killed, so there is news the scheduler must not lose (the agent's TASK_FAILED, resent until
 * acknowledged) and a relaunch it must not decide yet.
 *
 * <p>Shorter than the session timeout: the scheduler keeps leading and pauses. It sends no ACCEPT, acknowledges no
 * update, answers API calls 503, stays healthy for Marathon and says it is not connected. Another node's agent is
 * partitioned meanwhile as well: the master says TASK_UNREACHABLE once, without a uuid, and never again. When ZooKeeper
 * is back the scheduler catches up (reconciles), relaunches the failed node and stores the unreachable one as the
 * master has it. Its stored state then matches the master's. Longer than the session timeout: the session is lost, so
 * the scheduler stops leading and exits (code 4). A new instance, started as Marathon or local mode's supervisor would
 * start it, resumes as the same framework and relaunches the node.
 */
class ZooKeeperOutageTest {
    private static final String SERVICE = "zkoutage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBSCRIBED = Pattern.compile("subscribed to \\S+ as framework \\S+");
    /**
     * The test ZooKeeper's tick: a server grants sessions of at most 20 ticks. So the 30 s the scheduler asks for here
     * ({@code ZOOKEEPER_SESSION_TIMEOUT_S}) becomes {@link #SESSION_TIMEOUT}.
     */
    private static final int TICK_MS = 1_000;

    private static final Duration SESSION_TIMEOUT = Duration.ofMillis(20L * TICK_MS);
    /** Shorter than the session timeout: the scheduler keeps its session and its leadership. */
    private static final Duration SHORT_OUTAGE = Duration.ofSeconds(10);
    /** Longer than the session timeout: the session is lost; ZooKeeper stays down at least this long. */
    private static final Duration LONG_OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    private TestingServer zookeeper;
    private LocalMesos mesos;
    private CuratorFramework client;
    private TaskStore tasks;
    private FrameworkStore frameworks;
    private int apiPort;
    private int adminPort;
    private Map<String, String> env;

    @BeforeEach
    void deploy() throws Exception {
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
        // short agent ping timeouts: a partitioned agent is marked unreachable within a second
        mesos = LocalMesos.start(MesosTestSupport.config(workDir.resolve("mesos"), 3)
                .agentPingTimeouts(Duration.ofMillis(300), 3)
                .build());
        client = ZooKeeperClients.start(
                zookeeper.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS);
        // what the server grants to the scheduler's request of 30 s, as to this client's
        assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout())
                .isEqualTo((int) SESSION_TIMEOUT.toMillis());
        assertThat(SHORT_OUTAGE).isLessThan(SESSION_TIMEOUT);
        assertThat(LONG_OUTAGE).isGreaterThan(SESSION_TIMEOUT);
        tasks = new TaskStore(new CuratorPersister(client, SERVICE));
        frameworks = new FrameworkStore(new CuratorPersister(client, SERVICE));
        apiPort = SchedulerProcess.freePort();
        env = SchedulerProcess.environment(SERVICE, zookeeper.getConnectString(), mesos.masterUri(), apiPort);
        env.put("ZOOKEEPER_SESSION_TIMEOUT_S", "30");
        adminPort = Integer.parseInt(env.get("PORT1"));
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (mesos != null) {
            mesos.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void shorterThanTheSessionTimeoutTheSchedulerPausesThenCatchesUpAndRelaunchesTheNode() throws Exception {
        Path log = workDir.resolve("scheduler.log");
        Process scheduler = SchedulerProcess.start(env, log);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> SchedulerProcess.ready(apiPort) == 200);
            FrameworkID frameworkId = frameworks.get().orElseThrow();
            Map<String, String> before = storedTaskIds();
            NodeRecord node1 = tasks.record("node-1").orElseThrow();
            int node2Agent = MesosTestSupport.agentIndex(
                    tasks.record("node-2").orElseThrow().agent().ip());

            long stopped = System.nanoTime();
            zookeeper.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(adminPort, "/connected") == 500);
            long accepts = calls(Call.Type.ACCEPT);
            long acknowledgements = calls(Call.Type.ACKNOWLEDGE);

            // news during the outage: node-1's executor dies, the agent reports TASK_FAILED and resends it until
            // it is acknowledged; the master keeps the task among the live ones until then
            assertThat(mesos.killExecutor(
                            MesosTestSupport.agentIndex(node1.agent().ip()), "node-1-executor"))
                    .isTrue();
            await().atMost(SHORT_OUTAGE)
                    .until(() -> liveTaskState(before.get("node-1")).equals("TASK_FAILED"));
            // and node-2's agent is cut off: the master's TASK_UNREACHABLE has no uuid and is not sent again
            mesos.partitionAgent(node2Agent);
            await().atMost(SHORT_OUTAGE).until(() -> unreachable(before.get("node-2")));

            // the API: a write is refused with a message and changes nothing; a read is refused too
            HttpResponse<String> write =
                    SchedulerProcess.call("POST", apiPort, "/v1/plans/deploy/interrupt", SchedulerProcess.API_TOKEN);
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.headers().firstValue("Retry-After")).contains("5");
            assertThat(JSON.readTree(write.body()).path("message").asText()).startsWith("ZooKeeper is not connected");
            assertThat(SchedulerProcess.call("GET", apiPort, "/v1/plan", SchedulerProcess.API_TOKEN)
                            .statusCode())
                    .isEqualTo(503);
            assertThat(SchedulerProcess.call("GET", apiPort, "/v1/plan", null).statusCode())
                    .as("the token is checked first")
                    .isEqualTo(401);
            // Marathon's health check passes: the scheduler is correctly waiting; /connected says what it waits for
            JsonNode alive = healthcheck();
            assertThat(alive.path("healthy").asBoolean()).isTrue();
            assertThat(alive.path("zookeeper_connected").asBoolean()).isFalse();
            assertThat(alive.path("message").asText()).contains("waiting for ZooKeeper");
            assertThat(status(adminPort, "/connected")).isEqualTo(500);

            sleepUntil(stopped, SHORT_OUTAGE);
            // the whole outage: no ACCEPT (no relaunch decided on a state it could not store), no acknowledgement
            assertThat(calls(Call.Type.ACCEPT)).isEqualTo(accepts);
            assertThat(calls(Call.Type.ACKNOWLEDGE)).isEqualTo(acknowledgements);
            assertThat(liveTaskState(before.get("node-1"))).as("unacknowledged").isEqualTo("TASK_FAILED");
            assertThat(tasksNamed("node-1"))
                    .as("no new task for node-1 at the master")
                    .isEqualTo(1);
            assertThat(scheduler.isAlive()).isTrue();

            zookeeper.restart();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(adminPort, "/connected") == 200);
            long connectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !storedTaskIds().get("node-1").equals(before.get("node-1"))
                            && SchedulerProcess.ready(apiPort) == 200);
            long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            // what the master said while ZooKeeper was away is stored now: the scheduler asked again
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tasks.taskStatus("node-2").orElseThrow().getState() == TaskState.TASK_UNREACHABLE);
            long unreachableMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            System.out.printf(
                    "ZK-OUTAGE: %d s (session %d s): connected again %d ms after ZooKeeper returned, node-1 "
                            + "relaunched and the deploy plan COMPLETE after %d ms, node-2's TASK_UNREACHABLE stored after "
                            + "%d ms%n",
                    SHORT_OUTAGE.toSeconds(), SESSION_TIMEOUT.toSeconds(), connectedMs, recoveredMs, unreachableMs);
            mesos.healAgent(node2Agent);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tasks.taskStatus("node-2").orElseThrow().getState() == TaskState.TASK_RUNNING);

            assertThat(calls(Call.Type.ACCEPT)).as("the relaunch").isGreaterThan(accepts);
            // the agent's TASK_FAILED, resent, is acknowledged: the master moves the old task to the completed ones
            await().atMost(Duration.ofSeconds(60)).until(() -> completed(before.get("node-1")));
            assertThat(calls(Call.Type.ACKNOWLEDGE)).isGreaterThan(acknowledgements);
            assertThat(tasks.record("node-1").orElseThrow().reservation())
                    .as("relaunched in place")
                    .isEqualTo(node1.reservation());
            assertStoredStateMatchesTheMaster(frameworkId);
            assertThat(storedTaskIds())
                    .containsEntry("node-0", before.get("node-0"))
                    .containsEntry("node-2", before.get("node-2"));
            // the refused write changed nothing; one process led throughout, subscribed once
            assertThat(JSON.readTree(SchedulerProcess.call("GET", apiPort, "/v1/plan", SchedulerProcess.API_TOKEN)
                                    .body())
                            .path("status")
                            .asText())
                    .isEqualTo("COMPLETE");
            assertThat(scheduler.isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("LEADERSHIP LOST");
            assertThat(SUBSCRIBED.matcher(Files.readString(log)).results().count())
                    .as("subscribed once")
                    .isEqualTo(1);
        } finally {
            stopProcess(scheduler);
        }
    }

    @Test
    void longerThanTheSessionTimeoutTheSchedulerStopsLeadingAndARestartedOneResumes() throws Exception {
        Path firstLog = workDir.resolve("scheduler-1.log");
        Process first = SchedulerProcess.start(env, firstLog);
        Process second = null;
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> SchedulerProcess.ready(apiPort) == 200);
            FrameworkID frameworkId = frameworks.get().orElseThrow();
            Map<String, String> before = storedTaskIds();
            NodeRecord node2 = tasks.record("node-2").orElseThrow();

            long stopped = System.nanoTime();
            zookeeper.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(adminPort, "/connected") == 500);
            long accepts = calls(Call.Type.ACCEPT);
            assertThat(mesos.killExecutor(
                            MesosTestSupport.agentIndex(node2.agent().ip()), "node-2-executor"))
                    .isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> liveTaskState(before.get("node-2")).equals("TASK_FAILED"));
            assertThat(healthcheck().path("healthy").asBoolean())
                    .as("waiting, not broken")
                    .isTrue();

            // once the session timeout has passed without ZooKeeper, the session counts as lost (Curator): another
            // instance may lead by now, so this one stops acting and exits
            assertThat(first.waitFor(LONG_OUTAGE.plus(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            long exitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            assertThat(first.exitValue()).isEqualTo(ProcessExit.LEADERSHIP_LOST);
            assertThat(Files.readString(firstLog)).contains("LEADERSHIP LOST");
            assertThat(calls(Call.Type.ACCEPT)).isEqualTo(accepts);

            // restarted at once, as the supervisor does: it waits for ZooKeeper (zookeeper_connect_timeout, 30 s)
            second = SchedulerProcess.start(env, workDir.resolve("scheduler-2.log"));
            sleepUntil(stopped, LONG_OUTAGE);
            assertThat(calls(Call.Type.ACCEPT)).isEqualTo(accepts);
            zookeeper.restart();
            long restarted = System.nanoTime();
            long outageMs = TimeUnit.NANOSECONDS.toMillis(restarted - stopped);

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !storedTaskIds().get("node-2").equals(before.get("node-2"))
                            && SchedulerProcess.ready(apiPort) == 200);
            long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            System.out.printf(
                    "ZK-OUTAGE: %d s (session %d s): leader exited (code 4) %d ms after ZooKeeper stopped; "
                            + "the restarted instance had node-2 relaunched and the deploy plan COMPLETE %d ms after ZooKeeper "
                            + "returned%n",
                    outageMs / 1000, SESSION_TIMEOUT.toSeconds(), exitedMs, recoveredMs);

            assertThat(second.isAlive()).isTrue();
            assertThat(tasks.record("node-2").orElseThrow().reservation())
                    .as("relaunched in place")
                    .isEqualTo(node2.reservation());
            assertStoredStateMatchesTheMaster(frameworkId);
            assertThat(storedTaskIds())
                    .containsEntry("node-0", before.get("node-0"))
                    .containsEntry("node-1", before.get("node-1"));
            // the agent's TASK_FAILED, resent with backoff, reaches the new instance and is acknowledged
            await().atMost(Duration.ofSeconds(120)).until(() -> completed(before.get("node-2")));
        } finally {
            stopProcess(first);
            if (second != null) {
                stopProcess(second);
            }
        }
    }

    /**
     * One framework at the master, the stored one; per node exactly one live task at the master, the one stored, and
     * stored as RUNNING.
     */
    private void assertStoredStateMatchesTheMaster(FrameworkID frameworkId) {
        JsonNode state = mesos.masterState();
        assertThat(state.get("frameworks")).hasSize(1);
        JsonNode framework = state.get("frameworks").get(0);
        assertThat(framework.get("id").asText()).isEqualTo(frameworkId.getValue());
        assertThat(frameworks.get()).contains(frameworkId);
        Map<String, String> live = new TreeMap<>();
        for (JsonNode task : framework.get("tasks")) {
            if (task.get("state").asText().equals("TASK_RUNNING")) {
                assertThat(live.put(task.get("name").asText(), task.get("id").asText()))
                        .as("second live task for " + task.get("name").asText())
                        .isNull();
            }
        }
        assertThat(live).isEqualTo(storedTaskIds());
        for (String node : List.of("node-0", "node-1", "node-2")) {
            assertThat(tasks.taskStatus(node).orElseThrow().getState()).as(node).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(tasks.taskStatus(node).orElseThrow().getTaskId().getValue())
                    .isEqualTo(live.get(node));
        }
    }

    private Map<String, String> storedTaskIds() {
        Map<String, String> ids = new TreeMap<>();
        for (String node : List.of("node-0", "node-1", "node-2")) {
            ids.put(node, tasks.taskInfo(node).orElseThrow().getTaskId().getValue());
        }
        return ids;
    }

    /**
     * The state of task {@code taskId} among the master's live tasks, or "" if it is not one: a task whose terminal
     * update is not acknowledged yet is still live there (master.cpp: removed on the acknowledgement).
     */
    private String liveTaskState(String taskId) {
        for (JsonNode framework : mesos.masterState().get("frameworks")) {
            for (JsonNode task : framework.get("tasks")) {
                if (task.get("id").asText().equals(taskId)) {
                    return task.get("state").asText();
                }
            }
        }
        return "";
    }

    /** The master lists task {@code taskId} as unreachable (its agent is partitioned away). */
    private boolean unreachable(String taskId) {
        for (JsonNode framework : mesos.masterState().get("frameworks")) {
            for (JsonNode task : framework.get("unreachable_tasks")) {
                if (task.get("id").asText().equals(taskId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The master lists task {@code taskId} as completed: its terminal update was acknowledged. */
    private boolean completed(String taskId) {
        for (JsonNode framework : mesos.masterState().get("frameworks")) {
            for (JsonNode task : framework.get("completed_tasks")) {
                if (task.get("id").asText().equals(taskId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private long tasksNamed(String node) {
        long count = 0;
        for (JsonNode framework : mesos.masterState().get("frameworks")) {
            for (JsonNode task : framework.get("tasks")) {
                if (task.get("name").asText().equals(node)) {
                    count++;
                }
            }
        }
        return count;
    }

    private long calls(Call.Type type) {
        return mesos.schedulerCallsReceived(type);
    }

    private JsonNode healthcheck() throws IOException, InterruptedException {
        HttpResponse<String> response = SchedulerProcess.call("GET", adminPort, "/healthcheck", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("scheduler");
    }

    private static int status(int port, String path) {
        try {
            return SchedulerProcess.call("GET", port, path, null).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The fault lasts {@code outage} from {@code startNanos}: this is the fault's length, not an assertion. */
    private static void sleepUntil(long startNanos, Duration outage) throws InterruptedException {
        long left = outage.toNanos() - (System.nanoTime() - startNanos);
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void stopProcess(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

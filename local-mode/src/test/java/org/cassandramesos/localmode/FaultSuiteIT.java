package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite: local mode's own cluster ({@link LocalCluster}, in-process so the test can break its parts), three
 * real Cassandra nodes at RF 3, and a client writing at QUORUM through each fault. Each fault reports the writes that
 * failed, the acknowledged rows lost (every one read back at ALL) and the time to recover; the table goes to
 * {@code target/fault-suite.md} (docs/reliability.md quotes it). The faults run one after another on one cluster, each
 * starting from a healthy one: every node active, the deploy plan COMPLETE.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
    private static final String TABLE = "faults.kv";
    /** The master's agent health check, shortened from 15 s × 5 so a partition is declared in ~15 s, not 75 s. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    private static final int MAX_PING_TIMEOUTS = 5;
    private static final Duration ZOOKEEPER_OUTAGE = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofMinutes(5);

    @TempDir
    static Path data;

    static LocalCluster cluster;
    static LocalModeEnvironment environment;
    static ClusterApi api;
    static final FaultTable table = new FaultTable();
    static final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        // a JUnit temporary directory is private (700); run as root, the nodes run as nobody, who must enter it
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectories(data.resolve("local-data"));
        LocalTaskUser user = LocalTaskUser.of(dir, System.getProperty("user.name"), LocalTaskUser.runningAsRoot());
        assertThat(user.cannotReach(dir)).isEmpty();
        LocalModeSettings settings = new LocalModeSettings(3, 256, freePort(), freePort(), false, user.name());
        environment = LocalModeEnvironment.of(settings, dir, Optional.empty());
        cluster = LocalCluster.start(
                settings,
                Artifacts.inCheckout(LocalModeProcess.REPO),
                dir,
                environment,
                event -> {
                    events.add(event);
                    System.out.println("[supervisor] " + event);
                },
                // a spare agent (127.0.0.5): one agent always runs no node, for the node whose agent is removed
                mesos -> mesos.agentPingTimeouts(PING_TIMEOUT, MAX_PING_TIMEOUTS)
                        .agents(1, settings.agentSpec().withAttributes(java.util.Map.of("rack", "rack-3"))));
        api = new ClusterApi(cluster.api(), environment.secrets().apiToken());
        killTheSchedulerDuringTheDeploy();
        // one ring: every node knows the other two as peers and the driver sees all three up
        try (CqlSession session = session()) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(
                                    session.getMetadata().getNodes().values())
                            .hasSize(3)
                            .allSatisfy(node -> assertThat(node.getState()).isEqualTo(NodeState.UP)));
            for (Node node : session.getMetadata().getNodes().values()) {
                assertThat(session.execute(SimpleStatement.newInstance("SELECT peer FROM system.peers")
                                        .setNode(node))
                                .all())
                        .as("peers of %s", node.getEndPoint())
                        .hasSize(2);
            }
        }
    }

    @AfterAll
    static void stopCluster() throws IOException {
        Path report = Path.of("target", "fault-suite.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table.markdown(), StandardCharsets.UTF_8);
        System.out.println(table.markdown());
        if (cluster != null) {
            cluster.close();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(cassandraPids()).as("Cassandra processes left").isEmpty();
                assertThat(processes(
                                        "org.cassandramesos.executor.mesos.Main",
                                        data.toAbsolutePath().toString())
                                .toList())
                        .as("executors left")
                        .isEmpty();
            });
        }
    }

    /**
     * kill -9 of the scheduler once node-0 runs and the deploy plan is still in progress: the restarted scheduler
     * finishes the deploy from its stored plan and leaves node-0's Cassandra alone. No write load yet: there is no
     * ring of three to write to at QUORUM.
     */
    private static void killTheSchedulerDuringTheDeploy() throws Exception {
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> completeSteps() >= 1);
        long node0 = cassandraPid(agentOf("node-0"));
        long scheduler = cluster.schedulerPid();
        assertThat(api.get("/v1/plan").status())
                .as("the deploy is still in progress")
                .isNotEqualTo(200);
        long injected = System.nanoTime();
        kill(scheduler);
        awaitHealthy(Duration.ofMinutes(10));
        table.addWithoutWrites(
                "kill -9 of the scheduler during the deploy (node-0 up, node-1 starting)",
                "plan COMPLETE, every node active",
                Duration.ofNanos(System.nanoTime() - injected));
        assertThat(cluster.schedulerPid()).isNotEqualTo(scheduler);
        assertThat(ProcessHandle.of(node0).map(ProcessHandle::isAlive))
                .as("node-0's Cassandra kept running")
                .contains(true);
    }

    private static int completeSteps() throws Exception {
        return api.get("/v1/plan").body().findValues("steps").stream()
                .mapToInt(steps -> (int) java.util.stream.StreamSupport.stream(steps.spliterator(), false)
                        .filter(step -> step.path("status").asText().equals("COMPLETE"))
                        .count())
                .sum();
    }

    @Test
    @Order(1)
    void killingACassandraProcessLosesNoWriteAndTheNodeComesBack() throws Exception {
        int agent = agentOf("node-2");
        long cassandra = cassandraPid(agent);
        // rows the node held before it was killed must come back from its own volume, not from the other replicas
        try (CqlSession session = session()) {
            session.execute(
                    "CREATE KEYSPACE IF NOT EXISTS faults WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
            session.execute("CREATE TABLE IF NOT EXISTS faults.before_kill (k int PRIMARY KEY, v text)");
            for (int i = 0; i < 100; i++) {
                session.execute(
                        SimpleStatement.newInstance("INSERT INTO faults.before_kill (k, v) VALUES (?, ?)", i, "v" + i)
                                .setConsistencyLevel(ConsistencyLevel.ALL));
            }
        }
        withWriteLoad("kill -9 of Cassandra (node-2)", "node active again with a new process, plan COMPLETE", () -> {
            kill(cassandra);
            return () -> cassandraPids().size() == 3 && !cassandraPids().contains(cassandra) && healthy();
        });
        String ip = cluster.mesos().agentIp(agent);
        try (CqlSession session = session()) {
            Node restarted = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getEndPoint().resolve().toString().contains(ip))
                    .findFirst()
                    .orElseThrow();
            long rows = session.execute(SimpleStatement.newInstance("SELECT count(*) FROM faults.before_kill")
                            .setConsistencyLevel(ConsistencyLevel.ONE)
                            .setNode(restarted))
                    .one()
                    .getLong(0);
            assertThat(rows)
                    .as("rows node-2 read from its own volume after the restart")
                    .isEqualTo(100);
        }
    }

    @Test
    @Order(2)
    void killingAnExecutorLosesNoWriteAndTheNodeComesBack() throws Exception {
        int agent = agentOf("node-2");
        long executor = executorPid(agent);
        long cassandra = cassandraPid(agent);
        withWriteLoad(
                "kill -9 of the executor (node-2)",
                "node active again (new executor and Cassandra), plan COMPLETE",
                () -> {
                    kill(executor);
                    return () -> cassandraPids().size() == 3 && !cassandraPids().contains(cassandra) && healthy();
                });
    }

    @Test
    @Order(3)
    void killingTheSchedulerLeavesEveryNodeRunning() throws Exception {
        String frameworkId = api.frameworkId();
        Set<Long> before = cassandraPids();
        long scheduler = cluster.schedulerPid();
        withWriteLoad(
                "kill -9 of the scheduler (idle)",
                "scheduler started again, its API answers: plan COMPLETE, same framework id",
                () -> {
                    kill(scheduler);
                    return () -> cluster.schedulerPid() > 0
                            && cluster.schedulerPid() != scheduler
                            && api.get("/v1/plan").status() == 200
                            && frameworkId.equals(api.frameworkId());
                });
        awaitHealthy(RECOVERY);
        assertThat(events).as("the supervisor says what it did").anyMatch(e -> e.contains("started again"));
        assertThat(cassandraPids()).as("no Cassandra process restarted").isEqualTo(before);
        assertThat(api.frameworkId()).as("the same framework id").isEqualTo(frameworkId);
    }

    @Test
    @Order(4)
    void killingTheSchedulerDuringABackupFinishesTheBackup() throws Exception {
        Set<Long> before = cassandraPids();
        withWriteLoad("kill -9 of the scheduler during a backup", "backup COMPLETE on every node", () -> {
            assertThat(api.put("/v1/backup/start", "{\"backup_name\":\"during-scheduler-kill\"}")
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get("/v1/backup/status")
                            .body()
                            .path("state")
                            .asText()
                            .equals("RUNNING"));
            long scheduler = cluster.schedulerPid();
            kill(scheduler);
            return () -> cluster.schedulerPid() != scheduler
                    && api.get("/v1/backup/status")
                            .body()
                            .path("state")
                            .asText()
                            .equals("COMPLETE")
                    && healthy();
        });
        assertThat(cassandraPids()).as("no Cassandra process restarted").isEqualTo(before);
        JsonNode status = api.get("/v1/backup/status").body();
        assertThat(status.path("backup_name").asText()).isEqualTo("during-scheduler-kill");
        status.path("nodes")
                .forEach(node -> assertThat(node.path("status").asText()).isEqualTo("COMPLETE"));
    }

    @Test
    @Order(5)
    void stoppingAndStartingAnAgentBringsItsNodeBack() throws Exception {
        int agent = agentOf("node-2");
        withWriteLoad(
                "agent stop (power loss) and start (node-2)", "node relaunched on its volume, plan COMPLETE", () -> {
                    cluster.mesos().stopAgent(agent);
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> cassandraPids().size() == 2);
                    cluster.mesos().startAgent(agent);
                    return () -> cassandraPids().size() == 3 && healthy();
                });
    }

    @Test
    @Order(6)
    void aPartitionedAgentHealsAndOperationsStillStart() throws Exception {
        int agent = agentOf("node-2");
        Set<Long> before = cassandraPids();
        withWriteLoad(
                "agent partitioned past the ping timeouts, then healed (node-2)",
                "TASK_RUNNING again (re-registered), plan COMPLETE, a cleanup runs to COMPLETE",
                () -> {
                    cluster.mesos().partitionAgent(agent);
                    await().atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> api.get("/v1/nodes/node-2/info")
                                    .body()
                                    .path("state")
                                    .asText()
                                    .equals("TASK_UNREACHABLE"));
                    cluster.mesos().healAgent(agent);
                    return () -> api.get("/v1/nodes/node-2/info")
                                    .body()
                                    .path("state")
                                    .asText()
                                    .equals("TASK_RUNNING")
                            && healthy();
                });
        assertThat(cassandraPids()).as("a partition kills no Cassandra process").isEqualTo(before);
        assertThat(api.put("/v1/cleanup/start", "{\"nodes\":[\"*\"],\"key_spaces\":[\"faults\"]}")
                        .status())
                .isEqualTo(202);
        await().atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> api.get("/v1/cleanup/status")
                        .body()
                        .path("state")
                        .asText()
                        .equals("COMPLETE"));
    }

    @Test
    @Order(7)
    void aMasterFailoverIsSurvived() throws Exception {
        String frameworkId = api.frameworkId();
        Set<Long> before = cassandraPids();
        withWriteLoad("Mesos master failover", "scheduler subscribed to the new master, nodes active", () -> {
            cluster.mesos().restartMaster();
            return () -> subscribed(frameworkId) && healthy();
        });
        assertThat(cassandraPids()).as("no Cassandra process restarted").isEqualTo(before);
    }

    @Test
    @Order(8)
    void aZooKeeperOutageIsWaitedOut() throws Exception {
        Set<Long> before = cassandraPids();
        withWriteLoad(
                "ZooKeeper down " + ZOOKEEPER_OUTAGE.toSeconds() + " s",
                "after ZooKeeper is back: API answers, plan COMPLETE, nodes active",
                () -> {
                    cluster.zookeeper().stop();
                    Thread.sleep(ZOOKEEPER_OUTAGE.toMillis());
                    cluster.zookeeper().resume();
                    return FaultSuiteIT::healthy;
                });
        assertThat(cassandraPids()).as("no Cassandra process restarted").isEqualTo(before);
    }

    @Test
    @Order(9)
    void aBackupWhoseStoreGoesAwayFailsAttemptsAndCompletesWhenItReturns() throws Exception {
        withWriteLoad(
                "S3 store down during a backup",
                "store back: the failed node steps are retried, resume and COMPLETE",
                () -> {
                    cluster.stopBackupStore();
                    assertThat(api.put("/v1/backup/start", "{\"backup_name\":\"during-store-outage\"}")
                                    .status())
                            .isEqualTo(202);
                    // every node's job fails within its bounded retries and the step says so; nothing waits forever
                    await().atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() ->
                                    api
                                            .get("/v1/backup/status")
                                            .body()
                                            .path("nodes")
                                            .findValuesAsText("message")
                                            .stream()
                                            .anyMatch(message -> message.contains("failed:")));
                    cluster.resumeBackupStore();
                    return () -> api.get("/v1/backup/status")
                                    .body()
                                    .path("state")
                                    .asText()
                                    .equals("COMPLETE")
                            && healthy();
                });
        JsonNode backup = api.get("/v1/backups/during-store-outage").body();
        assertThat(backup.path("complete").asBoolean())
                .as("every node's manifest is stored: %s", backup)
                .isTrue();
        assertThat(backup.path("nodes"))
                .hasSize(3)
                .allSatisfy(
                        node -> assertThat(node.path("complete").asBoolean()).isTrue());
    }

    @Test
    @Order(10)
    void aNodeWhoseAgentIsRemovedIsReplacedElsewhereWithItsData() throws Exception {
        int agent = agentOf("node-2");
        String oldIp = cluster.mesos().agentIp(agent);
        // the one agent that runs no node now (hostname:UNIQUE) is where the replacement must go
        Set<String> used = new java.util.HashSet<>();
        for (JsonNode node : api.get("/v1/nodes/list").body()) {
            used.add(api.get("/v1/nodes/" + node.asText() + "/info")
                    .body()
                    .path("ip")
                    .asText());
        }
        List<String> spare = java.util.stream.IntStream.range(0, cluster.mesos().agentCount())
                .mapToObj(i -> cluster.mesos().agentIp(i))
                .filter(ip -> !used.contains(ip))
                .toList();
        assertThat(spare).hasSize(1);
        withWriteLoad(
                "agent removed for good (node-2)",
                "node-2 replaced on the spare agent (replace_address), active, plan COMPLETE",
                () -> {
                    cluster.mesos().removeAgent(agent);
                    return () -> !api.get("/v1/nodes/node-2/info")
                                    .body()
                                    .path("ip")
                                    .asText()
                                    .equals(oldIp)
                            && healthy();
                });
        String newIp = api.get("/v1/nodes/node-2/info").body().path("ip").asText();
        assertThat(newIp).isEqualTo(spare.get(0));
        try (CqlSession session = session()) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(
                                    session.getMetadata().getNodes().values())
                            .filteredOn(node -> node.getState() == NodeState.UP)
                            .hasSize(3)
                            .noneMatch(node ->
                                    node.getEndPoint().resolve().toString().contains(oldIp + ":")));
            Node replacement = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getEndPoint().resolve().toString().contains(newIp + ":"))
                    .findFirst()
                    .orElseThrow();
            // streamed to the replacement while it bootstrapped in the old node's place
            assertThat(session.execute(SimpleStatement.newInstance("SELECT count(*) FROM faults.before_kill")
                                    .setConsistencyLevel(ConsistencyLevel.ONE)
                                    .setNode(replacement))
                            .one()
                            .getLong(0))
                    .isEqualTo(100);
        }
    }

    // ---- the harness -------------------------------------------------------------------------------------------

    interface Fault {
        /** Injects the fault; returns the condition that says the cluster has recovered from it. */
        Recovered inject() throws Exception;
    }

    interface Recovered {
        boolean now() throws Exception;
    }

    /**
     * Writes at QUORUM from before the fault until after the recovery, clocks the recovery from the fault's injection,
     * and asserts no write failed and no acknowledged row was lost.
     */
    private static void withWriteLoad(String fault, String recoveredWhen, Fault injection) throws Exception {
        try (QuorumWriter writer = new QuorumWriter(
                contactPoints(),
                LocalModeSettings.CQL_SUPERUSER,
                environment.secrets().cqlPassword(),
                TABLE,
                fault.replaceAll("[^A-Za-z0-9]+", "-") + "-",
                20_000)) {
            Thread.sleep(3000);
            long injected = System.nanoTime();
            Recovered recovered = injection.inject();
            // where the recovery time goes: when each of these held again after the fault broke it
            Timeline timeline = new Timeline(injected);
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(() -> {
                int plan = planStatus();
                timeline.observe("API answers", plan > 0);
                timeline.observe("plan COMPLETE", plan == 200);
                timeline.observe("every node active", plan == 200 && healthyOrFalse());
                try {
                    return recovered.now();
                } catch (Exception notYet) {
                    return false;
                }
            });
            Duration recovery = Duration.ofNanos(System.nanoTime() - injected);
            int plan = planStatus();
            timeline.observe("API answers", plan > 0);
            timeline.observe("plan COMPLETE", plan == 200);
            timeline.observe("every node active", plan == 200 && healthyOrFalse());
            Thread.sleep(3000);
            QuorumWriter.Result result = writer.finish(TABLE);
            table.add(fault, recoveredWhen, recovery, result, timeline.toString());
            System.out.println("[fault] " + fault + ": recovered in " + recovery.toMillis() + " ms; " + result
                    + "; first after the fault: " + timeline);
            assertThat(result.acknowledged())
                    .as("writes acknowledged during " + fault)
                    .isPositive();
            assertThat(result.lost()).as("acknowledged rows lost: " + fault).isZero();
            assertThat(result.failed()).as("QUORUM writes failed: " + fault).isZero();
        }
    }

    /** When each condition held again after it was first seen broken; "never broken" if it held throughout. */
    static final class Timeline {
        private final long start;
        private final java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();

        Timeline(long start) {
            this.start = start;
        }

        void observe(String condition, boolean holds) {
            String now = seen.getOrDefault(condition, "never broken");
            if (!holds && now.equals("never broken")) {
                seen.put(condition, "broken");
            } else if (holds && now.equals("broken")) {
                seen.put(condition, String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
            } else {
                seen.putIfAbsent(condition, now);
            }
        }

        @Override
        public String toString() {
            return seen.toString();
        }
    }

    private static int planStatus() {
        try {
            return api.get("/v1/plan").status();
        } catch (Exception down) {
            return -1;
        }
    }

    private static boolean healthyOrFalse() {
        try {
            return healthy();
        } catch (Exception down) {
            return false;
        }
    }

    private static CqlSession session() throws Exception {
        return CqlSession.builder()
                .addContactPoints(contactPoints())
                .withLocalDatacenter("datacenter1")
                .withAuthCredentials(
                        LocalModeSettings.CQL_SUPERUSER, environment.secrets().cqlPassword())
                // schema changes on a busy machine take longer than the driver's 2 s default
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
    }

    private static void awaitHealthy(Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(FaultSuiteIT::healthy);
    }

    /** The deploy plan COMPLETE and every node's Cassandra active, as the scheduler sees it. */
    private static boolean healthy() throws Exception {
        if (api.get("/v1/plan").status() != 200) {
            return false;
        }
        for (JsonNode node : api.get("/v1/nodes/list").body()) {
            JsonNode info = api.get("/v1/nodes/" + node.asText() + "/info").body();
            if (!info.path("status").asText().equals("active")
                    || !info.path("state").asText().equals("TASK_RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** The current master knows the framework and its scheduler is connected. */
    private static boolean subscribed(String frameworkId) {
        for (JsonNode framework : cluster.mesos().masterState().path("frameworks")) {
            if (framework.path("id").asText().equals(frameworkId)
                    && framework.path("active").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static int agentOf(String node) throws Exception {
        String ip = api.get("/v1/nodes/" + node + "/info").body().path("ip").asText();
        for (int i = 0; i < cluster.mesos().agentCount(); i++) {
            if (cluster.mesos().agentIp(i).equals(ip)) {
                return i;
            }
        }
        throw new AssertionError(node + " at " + ip + " is on no agent");
    }

    private static List<InetSocketAddress> contactPoints() throws Exception {
        List<InetSocketAddress> points = new ArrayList<>();
        for (JsonNode address : api.get("/v1/connection").body().path("address")) {
            String[] hostPort = address.asText().split(":");
            points.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        return points;
    }

    /** The Cassandra processes of this cluster: their storage lies in its data directory. */
    static Set<Long> cassandraPids() {
        return processes("CassandraDaemon", data.toAbsolutePath().toString()).collect(Collectors.toSet());
    }

    private static long cassandraPid(int agent) {
        return processes(
                        "CassandraDaemon",
                        cluster.mesos().agentWorkDir(agent).toAbsolutePath().toString())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Cassandra on agent " + agent));
    }

    private static long executorPid(int agent) {
        return processes(
                        "org.cassandramesos.executor.mesos.Main",
                        cluster.mesos().agentWorkDir(agent).toAbsolutePath().toString())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no executor on agent " + agent));
    }

    private static java.util.stream.Stream<Long> processes(String mainClass, String path) {
        return CommandLines.containing(mainClass, path);
    }

    private static void kill(long pid) {
        assertThat(ProcessHandle.of(pid)).as("process %d", pid).isPresent();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

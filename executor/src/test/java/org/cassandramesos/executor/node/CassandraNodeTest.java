package org.cassandramesos.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.api.NodeApiServer;
import org.cassandramesos.executor.jmx.NodeStatus;
import org.cassandramesos.executor.jmx.SnapshotDetail;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real Cassandra node (256 MB heap, fast start) on 127.0.0.2, run from the cassandra-dist tree through the
 * supervisor and driven through the node API and the Java driver. The tests run in order on the same node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraNodeTest {
    private static final String IP = "127.0.0.2";
    private static final String TOKEN = "test-token";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static NodeApiServer api;
    private static NodeJobs jobs;
    private static final List<Long> startedPids = new ArrayList<>();
    private static final List<ProcessExit> exits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNode() throws Exception {
        spec = TestSpecs.securedSpec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                Optional.of(TestSpecs.ADMIN),
                exits::add);
        jobs = new NodeJobs(node, NodeJobKinds.all());
        api = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(60), ProcessCounters.system()),
                jobs,
                IP,
                spec.ports().nodeApi(),
                TOKEN);
        startedPids.add(node.start());
        awaitReady();
    }

    @AfterAll
    static void stopNode() throws Exception {
        try {
            if (api != null) {
                api.close();
            }
            if (jobs != null) {
                jobs.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
        for (long pid : startedPids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .as("Cassandra pid %d after the tests", pid)
                    .isIn(Optional.empty(), Optional.of(false));
        }
    }

    private static void awaitReady() {
        await().atMost(READY).pollInterval(Duration.ofMillis(500)).until(node::ready);
    }

    private static CqlSession session() {
        return login(TestSpecs.ADMIN.user(), TestSpecs.ADMIN.password());
    }

    private static CqlSession login(String user, String password) {
        var builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1");
        if (user != null) {
            builder.withAuthCredentials(user, password);
        }
        return builder.build();
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return HTTP.send(
                request.header("Authorization", "Bearer " + TOKEN)
                        .timeout(Duration.ofSeconds(90))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(
                URI.create("http://" + IP + ":" + spec.ports().nodeApi() + path));
    }

    private static long rowCount(CqlSession session) {
        return session.execute("SELECT count(*) FROM demo.users").one().getLong(0);
    }

    @Test
    @Order(0)
    void onceReadyOnlyTheSuperuserLogsInToCqlAndNobodyAnonymousGetsJmx() throws Exception {
        try (CqlSession admin = session()) {
            assertThat(admin.execute("SELECT role FROM system_auth.roles WHERE role = 'test_admin'")
                            .one())
                    .isNotNull();
        }
        assertThatThrownBy(() -> login(null, null).close())
                .isInstanceOf(AllNodesFailedException.class)
                .hasMessageContaining("requires authentication");
        assertThatThrownBy(() -> login(TestSpecs.ADMIN.user(), "wrong").close())
                .isInstanceOf(AllNodesFailedException.class);
        // The default superuser is gone: login off, no superuser status (the credentials cache may keep it briefly).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThatThrownBy(
                                () -> login("cassandra", "cassandra").close())
                        .isInstanceOf(AllNodesFailedException.class));

        long pid = node.process().pid().orElseThrow();
        java.util.Set<Integer> ports = org.cassandramesos.executor.jmx.JmxProbes.listeningPorts(pid);
        assertThat(ports)
                .contains(
                        spec.ports().jmx(),
                        spec.ports().nativeTransport(),
                        spec.ports().storage());
        for (int port : ports) {
            assertThat(org.cassandramesos.executor.jmx.JmxProbes.tryConnect(IP, port, null))
                    .as("anonymous JMX on port %d", port)
                    .isNotEqualTo("connected");
            assertThat(org.cassandramesos.executor.jmx.JmxProbes.tryConnect("127.0.0.1", port, null))
                    .as("anonymous JMX on 127.0.0.1:%d", port)
                    .isNotEqualTo("connected");
        }
        assertThat(org.cassandramesos.executor.jmx.JmxProbes.tryConnect(
                        IP, spec.ports().jmx(), null))
                .contains("Credentials required");
    }

    @Test
    @Order(0)
    void cassandraRunsWithAnAllowlistedEnvironmentAndNoSecretOnItsCommandLine() throws Exception {
        long pid = node.process().pid().orElseThrow();
        String environ = Files.readString(Path.of("/proc", String.valueOf(pid), "environ"));
        List<String> names = Stream.of(environ.split("\0"))
                .filter(v -> v.contains("="))
                .map(v -> v.substring(0, v.indexOf('=')))
                .toList();
        // This JVM has variables off the list, so the list was applied.
        assertThat(System.getenv().keySet())
                .anyMatch(name -> !org.cassandramesos.executor.process.ChildEnvironmentTest.ALLOWED.contains(name));
        assertThat(names)
                .isNotEmpty()
                .allMatch(org.cassandramesos.executor.process.ChildEnvironmentTest.ALLOWED::contains);
        String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
        assertThat(cmdline).doesNotContain(TestSpecs.ADMIN.password()).contains("jmxremote.password");
    }

    @Test
    @Order(1)
    void reportsNormalStatusOverJmx() {
        NodeStatus status = node.status();

        assertThat(status.operationMode()).isEqualTo("NORMAL");
        assertThat(status.joined()).isTrue();
        assertThat(status.gossipRunning()).isTrue();
        assertThat(status.nativeTransportRunning()).isTrue();
        assertThat(status.datacenter()).isEqualTo("dc1");
        assertThat(status.rack()).isEqualTo("rack1");
        assertThat(status.tokens()).isEqualTo(16);
        assertThat(status.releaseVersion()).startsWith("5.0");
        assertThat(status.hostId()).isNotBlank();
        assertThat(status.liveNodes()).containsExactly(IP);
        assertThat(status.unreachableNodes()).isEmpty();
    }

    @Test
    @Order(2)
    void writesAndReadsRowsWithTheJavaDriver() {
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE demo WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE demo.users (id int PRIMARY KEY, name text)");
            for (int i = 0; i < 100; i++) {
                session.execute("INSERT INTO demo.users (id, name) VALUES (?, ?)", i, "user-" + i);
            }

            assertThat(rowCount(session)).isEqualTo(100);
            assertThat(session.execute("SELECT name FROM demo.users WHERE id = 42")
                            .one()
                            .getString(0))
                    .isEqualTo("user-42");
        }
    }

    @Test
    @Order(3)
    void keepsRowsAcrossAStopAndStartOnTheSameDataDirectory() throws Exception {
        long pid = node.process().pid().orElseThrow();

        Optional<ProcessExit> exit = node.stop(Duration.ofSeconds(60));

        assertThat(exit).hasValueSatisfying(e -> assertThat(e.requested()).isTrue());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(node.isRunning()).isFalse();
        assertThat(exits).noneMatch(e -> !e.requested());

        startedPids.add(node.start());
        awaitReady();
        try (CqlSession session = session()) {
            assertThat(rowCount(session)).isEqualTo(100);
        }
    }

    @Test
    @Order(4)
    void putSnapshotTakesASnapshotVisibleInGetSnapshotAndOnDisk() throws Exception {
        HttpResponse<String> put =
                http(at("/snapshot").PUT(HttpRequest.BodyPublishers.ofString("<xml><snapshot>True</snapshot></xml>")));
        HttpResponse<String> get = http(at("/snapshot").GET());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(200);
        String tag = node.lastSnapshot().orElseThrow();
        assertThat(tag).startsWith("snapshot-");
        assertThat(get.body())
                .isEqualTo("<xml><auto-snapshot>T</auto-snapshot><last-snapshot>" + tag + "</last-snapshot></xml>");
        try (Stream<Path> tables = Files.list(node.layout().dataDir().resolve("demo"))) {
            Path snapshotDir = tables.filter(p -> p.getFileName().toString().startsWith("users-"))
                    .findFirst()
                    .orElseThrow()
                    .resolve("snapshots")
                    .resolve(tag);
            try (Stream<Path> files = Files.list(snapshotDir)) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.endsWith("-Data.db"));
            }
        }
        List<SnapshotDetail> listed = node.withJmx(jmx -> jmx.listSnapshots());
        assertThat(listed)
                .anyMatch(s -> s.tag().equals(tag)
                        && s.keyspace().equals("demo")
                        && s.table().equals("users"));
    }

    @Test
    @Order(5)
    void restoreBringsBackTruncatedRowsFromTheLocalSnapshot() throws Exception {
        String tag = node.lastSnapshot().orElseThrow();
        try (CqlSession session = session()) {
            session.execute("TRUNCATE demo.users");
            assertThat(rowCount(session)).isZero();

            HttpResponse<String> restore = http(at("/restore")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("snapshot-name=" + tag)));

            assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);
            assertThat(restore.body()).contains("<status>Restored</status>", "<table>demo.users</table>");
            assertThat(rowCount(session)).isEqualTo(100);
        }
    }

    @Test
    @Order(6)
    void restoreOfAnUnknownSnapshotIsNotFound() throws Exception {
        HttpResponse<String> restore =
                http(at("/restore?snapshot-name=no-such-snapshot").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(restore.statusCode()).isEqualTo(404);
        assertThat(restore.body()).contains("no snapshot named 'no-such-snapshot'");
    }

    @Test
    @Order(7)
    void postRestartTrueRestartsCassandraAndStatusSaysRunningAgain() throws Exception {
        long before = node.process().pid().orElseThrow();

        HttpResponse<String> post = http(at("/").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("restart=True")));

        long after = node.process().pid().orElseThrow();
        startedPids.add(after);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(after).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(http(at("/").GET()).body())
                .isEqualTo("<xml><status>Running</status><error><![CDATA[]]></error></xml>");
        awaitReady();
    }

    @Test
    @Order(8)
    void sigkillIsReportedAsAnUnexpectedExitWithAReadableReason() throws Exception {
        long pid = node.process().pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> exits.stream().anyMatch(e -> e.pid() == pid));
        ProcessExit exit =
                exits.stream().filter(e -> e.pid() == pid).findFirst().orElseThrow();
        assertThat(exit.requested()).isFalse();
        assertThat(exit.reason()).isEqualTo("Cassandra (pid " + pid + ") was killed by SIGKILL unexpectedly");
        assertThat(exit.logTail()).isNotEmpty();
        String status = http(at("/").GET()).body();
        assertThat(status)
                .startsWith("<xml><status>Stopped</status><error><![CDATA[Cassandra (pid " + pid
                        + ") was killed by SIGKILL");
    }

    @Test
    @Order(9)
    void postWithoutRestartStartsAStoppedNode() throws Exception {
        assertThat(node.isRunning()).isFalse();

        HttpResponse<String> post = http(at("/").POST(HttpRequest.BodyPublishers.noBody()));

        startedPids.add(node.process().pid().orElseThrow());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("<xml><status>Running</status><error><![CDATA[]]></error></xml>");
        awaitReady();
        try (CqlSession session = session()) {
            assertThat(rowCount(session)).isEqualTo(100);
        }
    }
}

package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer path, end to end, on one local-mode run shared by the tests in order: the README's local-mode command
 * as a subprocess and the deploy plan to COMPLETE; the README's walkthrough block run as written; every CLI command
 * against the running cluster ({@link CliCommandsAgainstLocalMode}); the doors locked and no secret anywhere; Ctrl-C
 * (SIGINT) with no process left behind; then
 * the same command again on the same data directory, and the rows are still there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalModeIT {
    static final Path REPO = LocalModeProcess.REPO;
    static final ObjectMapper JSON = new ObjectMapper();
    static final java.util.concurrent.Executor DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "jmx-probe");
        thread.setDaemon(true);
        thread.start();
    };

    @TempDir
    static Path data;

    static int port;
    static LocalModeProcess first;

    @BeforeAll
    static void startLocalMode() throws Exception {
        port = freePort(9000);
        first = LocalModeProcess.start(data.resolve("local-data"), port);
        first.awaitDeployComplete();
        // local mode polls the plan too and prints its summary a moment later
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(first.output()).contains("Deploy plan COMPLETE", "CQL contact points"));
    }

    @AfterAll
    static void stopLocalMode() throws Exception {
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void readmeWalkthroughRunsAsWritten() throws Exception {
        String transcript = run(walkthrough()
                .replace("<the token local mode printed>", first.token())
                .replace("<the CQL password local mode printed>", first.cqlPassword())
                .replace("127.0.0.1:9000", "127.0.0.1:" + port));
        assertThat(transcript).contains("COMPLETE").contains("k=hello  v=world").contains("node-0", "node-1", "node-2");
    }

    @Test
    @Order(2)
    void everyCliCommandAnswersAsDocumented() throws Exception {
        new CliCommandsAgainstLocalMode(REPO, "http://127.0.0.1:" + port, first.token(), first.cqlPassword()).runAll();
    }

    /**
     * Issue 15: local mode prints a {@code metrics} line per node once the deploy is done, and each URL answers
     * Prometheus text from the node's JMX exporter (Cassandra's own metrics, not the scheduler's), the same URL the
     * node's info names.
     */
    @Test
    @Order(3)
    void everyNodeServesPrometheusMetricsAtTheUrlLocalModePrints() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(nodeMetricsUrls()).hasSize(3));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String url : nodeMetricsUrls()) {
            HttpResponse<String> scrape = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(url).isEqualTo(200);
            assertThat(scrape.body()).as(url).contains("# TYPE").contains("cassandra_");
        }
        JsonNode info = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/nodes/info"))
                                .header("Authorization", "token=" + first.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        List<String> named = new ArrayList<>();
        info.forEach(node -> named.add(node.path("metrics_url").asText()));
        assertThat(named).containsExactlyInAnyOrderElementsOf(nodeMetricsUrls());
        String schedulerMetrics = "http://127.0.0.1:" + port + "/v1/metrics";
        assertThat(first.output()).as("the banner's scheduler metrics line").contains("metrics    " + schedulerMetrics);
        HttpResponse<String> scheduler = http.send(
                HttpRequest.newBuilder(URI.create(schedulerMetrics))
                        .header("Authorization", "token=" + first.token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scheduler.statusCode()).isEqualTo(200);
        assertThat(scheduler.body()).contains("# TYPE").contains("cassandra_mesos_");
    }

    /** The node URLs of the banner's {@code metrics} lines (the scheduler's own line names /v1/metrics). */
    private static List<String> nodeMetricsUrls() {
        return first.output()
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("metrics ") && line.contains("Cassandra, Prometheus"))
                .map(line -> line.split("\\s+")[1])
                .distinct()
                .toList();
    }

    /**
     * The running cluster's doors: CQL refuses a client without a login and takes the printed one; no port any
     * Cassandra process listens on accepts an anonymous JMX connection; an unauthenticated ZooKeeper client reads
     * nothing under the scheduler's root.
     */
    @Test
    @Order(4)
    void everyDoorOfTheRunningClusterIsLocked() throws Exception {
        List<InetSocketAddress> points = contactPoints();
        assertThat(points).hasSize(3);
        for (InetSocketAddress point : points) {
            try (CqlSession anonymous = CqlSession.builder()
                    .addContactPoint(point)
                    .withLocalDatacenter("datacenter1")
                    .build()) {
                throw new AssertionError("anonymous CQL session to " + point + " was accepted");
            } catch (AllNodesFailedException refused) {
                assertThat(refused.getAllErrors().values().stream().flatMap(List::stream))
                        .as("CQL at " + point)
                        .anyMatch(e -> e instanceof AuthenticationException);
            }
            try (CqlSession admin = CqlSession.builder()
                    .addContactPoint(point)
                    .withLocalDatacenter("datacenter1")
                    .withAuthCredentials(LocalModeSettings.CQL_SUPERUSER, first.cqlPassword())
                    .build()) {
                assertThat(admin.execute("SELECT release_version FROM system.local")
                                .one())
                        .isNotNull();
            }
        }
        int ports = 0;
        for (long pid : cassandraPids()) {
            for (InetSocketAddress listening : listeningSockets(pid)) {
                ports++;
                String host = listening.getAddress().isAnyLocalAddress() ? "127.0.0.1" : listening.getHostString();
                JMXServiceURL url = new JMXServiceURL(
                        "service:jmx:rmi:///jndi/rmi://" + host + ":" + listening.getPort() + "/jmxrmi");
                // a port that is not JMX may never answer RMI: bounded, and a timeout is no accepted connection either
                var attempt = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                                return true;
                            } catch (IOException | RuntimeException refused) {
                                return false;
                            }
                        },
                        DAEMONS);
                boolean accepted;
                try {
                    accepted = attempt.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException silent) {
                    accepted = false;
                }
                assertThat(accepted)
                        .as("anonymous JMX on " + listening + " of Cassandra pid " + pid)
                        .isFalse();
            }
        }
        System.out.println("[doors] anonymous JMX refused on " + ports + " listening ports of 3 Cassandra processes");
        assertThat(ports).isGreaterThanOrEqualTo(9);

        String zookeeper = first.zookeeperConnect();
        try (var client = new org.apache.zookeeper.ZooKeeper(zookeeper, 10_000, event -> {})) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getState().isConnected());
            // ZooKeeper's own root lists the state root's name to anyone; nothing below it is readable
            String stateRoot = "dcos-service-" + LocalModeSettings.SERVICE_NAME;
            assertThat(client.getChildren("/", false)).contains(stateRoot);
            assertThatThrownBy(() -> client.getChildren("/" + stateRoot, false))
                    .isInstanceOf(org.apache.zookeeper.KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> client.getData("/" + stateRoot, false, null))
                    .isInstanceOf(org.apache.zookeeper.KeeperException.NoAuthException.class);
        }
    }

    /**
     * Every secret the scheduler holds (read from its own environment, where Marathon puts them) is absent from every
     * file local mode's processes wrote (sandboxes, logs, Cassandra's data and config, S3Proxy's store) and from the
     * environment and command line of every other process: executors, Cassandra, S3Proxy.
     */
    @Test
    @Order(5)
    void noSecretIsInAnySandboxLogOrOtherProcess() throws Exception {
        Map<String, String> schedulerEnv = environment(schedulerPid());
        Map<String, String> secrets = new java.util.TreeMap<>();
        for (String name : List.of(
                "AUTH_TOKEN",
                "NODE_API_TOKEN",
                "BACKUP_S3_SECRET_ACCESS_KEY",
                "ZOOKEEPER_DIGEST",
                "CQL_SUPERUSER_PASSWORD",
                "MESOS_SECRET")) {
            String value = schedulerEnv.get(name);
            if (value != null && !value.isBlank()) {
                // a digest "user:password": its password part is the secret
                secrets.put(name, name.equals("ZOOKEEPER_DIGEST") ? value.substring(value.indexOf(':') + 1) : value);
            }
        }
        assertThat(secrets)
                .containsKeys(
                        "AUTH_TOKEN",
                        "NODE_API_TOKEN",
                        "BACKUP_S3_SECRET_ACCESS_KEY",
                        "ZOOKEEPER_DIGEST",
                        "MESOS_SECRET");
        List<String> found = new ArrayList<>();
        int files = 0;
        // the operator's own copies, 0600, which the banner prints anyway
        List<Path> operatorFiles = List.of(
                data.resolve("local-data").resolve("zookeeper-digest"),
                data.resolve("local-data").resolve("cql-password"),
                data.resolve("local-data").resolve("framework-secret"));
        try (var paths = Files.walk(data)) {
            for (Path file : paths.filter(Files::isRegularFile)
                    .filter(f -> !operatorFiles.contains(f))
                    .toList()) {
                files++;
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException vanished) {
                    continue;
                }
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                secrets.forEach((name, value) -> {
                    if (text.contains(value)) {
                        found.add(name + " in " + data.relativize(file));
                    }
                });
            }
        }
        long scheduler = schedulerPid();
        int processes = 0;
        for (ProcessHandle process :
                first.descendants().filter(p -> p.pid() != scheduler).toList()) {
            processes++;
            String visible = String.join(" ", environment(process.pid()).values()) + " " + CommandLines.of(process);
            secrets.forEach((name, value) -> {
                if (visible.contains(value)) {
                    found.add(name + " in the environment or command line of "
                            + CommandLines.of(process)
                                    .substring(
                                            0,
                                            Math.min(
                                                    120,
                                                    CommandLines.of(process).length())));
                }
            });
        }
        System.out.println("[secrets] " + secrets.size() + " secrets looked for in " + files + " files and " + processes
                + " processes: " + found.size() + " found");
        assertThat(found).isEmpty();
        assertThat(files).isGreaterThan(100);
        assertThat(processes).isGreaterThanOrEqualTo(7);
    }

    /**
     * The agents are stock agents: no executor gets the host's JAVA_HOME or PATH, so every executor JVM and every
     * Cassandra JVM runs on the Java runtime fetched into its own sandbox (the binary the kernel started, not a path
     * any script chose).
     */
    @Test
    @Order(5)
    void everyExecutorAndCassandraJvmRunsOnTheRuntimeFetchedIntoItsSandbox() throws Exception {
        List<ProcessHandle> executors = ProcessHandle.allProcesses()
                .filter(p -> CommandLines.of(p).contains("org.cassandramesos.executor.mesos.Main"))
                .filter(p -> environment(p.pid())
                        .getOrDefault("MESOS_SANDBOX", "")
                        .startsWith(data.toAbsolutePath().toString()))
                .toList();
        assertThat(executors).as("the executors of this run").hasSize(3);
        Map<Long, Path> sandboxOfExecutor = new java.util.HashMap<>();
        for (ProcessHandle executor : executors) {
            Map<String, String> env = environment(executor.pid());
            Path sandbox = Path.of(env.get("MESOS_SANDBOX"));
            sandboxOfExecutor.put(executor.pid(), sandbox);
            assertThat(env)
                    .as("executor pid " + executor.pid())
                    .doesNotContainKey("JAVA_HOME")
                    .containsEntry("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(executor.pid()), "exe")))
                    .as("the java binary of executor pid " + executor.pid())
                    .startsWith(sandbox.toRealPath().resolve("java-runtime"));
        }
        Set<Long> cassandra = cassandraPids();
        assertThat(cassandra).hasSize(3);
        for (long pid : cassandra) {
            long parent =
                    ProcessHandle.of(pid).orElseThrow().parent().orElseThrow().pid();
            assertThat(sandboxOfExecutor)
                    .as("Cassandra pid " + pid + " is a child of an executor")
                    .containsKey(parent);
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")))
                    .as("the java binary of Cassandra pid " + pid)
                    .startsWith(sandboxOfExecutor.get(parent).toRealPath().resolve("java-runtime"));
        }
        System.out.println(
                "[runtime] 3 executors and 3 Cassandra JVMs run on java-runtime/bin/java of their sandboxes");
    }

    @Test
    @Order(6)
    void ctrlCLeavesNothingAndDataSurvivesARestart() throws Exception {
        LocalModeProcess running = first;
        first = null;
        running.close();
        try (LocalModeProcess second = LocalModeProcess.start(data.resolve("local-data"), port)) {
            second.awaitDeployComplete();
            String transcript = run("export CASSANDRA_MESOS_TOKEN=" + second.token() + "\n"
                    + "export CASSANDRA_MESOS_CQL_USER=cassandra_mesos_admin CASSANDRA_MESOS_CQL_PASSWORD="
                    + second.cqlPassword() + "\n"
                    + "./cassandra-mesos cql --url http://127.0.0.1:" + port + " \"SELECT k, v FROM demo.kv\"\n");
            assertThat(transcript).as("rows written before the restart").contains("k=hello  v=world");
        }
    }

    /** The Cassandra processes of this run: their storage lies in its data directory. */
    private static Set<Long> cassandraPids() {
        String storage = "-Dcassandra.storagedir=" + data.toAbsolutePath();
        return CommandLines.containing("CassandraDaemon", storage).collect(Collectors.toSet());
    }

    private static long schedulerPid() {
        long pid = schedulerPidOrZero();
        assertThat(pid).as("a running scheduler process").isPositive();
        return pid;
    }

    /** The scheduler is a child of the local-mode JVM. */
    private static long schedulerPidOrZero() {
        return first.descendants()
                .filter(p -> CommandLines.of(p).contains("SchedulerApplication"))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(0);
    }

    private static Map<String, String> environment(long pid) {
        Map<String, String> env = new java.util.HashMap<>();
        try {
            for (String entry : new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8)
                    .split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return env;
    }

    /** The TCP sockets {@code pid} listens on, from /proc: its socket inodes matched to /proc/net/tcp{,6}. */
    private static List<InetSocketAddress> listeningSockets(long pid) throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closed) {
                    // the descriptor went away
                }
            }
        }
        List<InetSocketAddress> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))
                    .subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (!f[3].equals("0A") || !inodes.contains(f[9])) { // 0A: LISTEN
                    continue;
                }
                String[] local = f[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                sockets.add(new InetSocketAddress(java.net.InetAddress.getByAddress(procAddress(local[0])), port));
            }
        }
        return sockets;
    }

    /** /proc/net's hex address: 32-bit words in host (little-endian) order. */
    private static byte[] procAddress(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return bytes;
    }

    private static List<InetSocketAddress> contactPoints() throws Exception {
        JsonNode connection = JSON.readTree(HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/connection"))
                                .header("Authorization", "token=" + first.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        List<InetSocketAddress> points = new ArrayList<>();
        for (JsonNode address : connection.path("address")) {
            String[] hostPort = address.asText().split(":");
            points.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        return points;
    }

    /** Runs a shell script in the checkout as a user would; fails on the first failing command. */
    static String run(String script) throws Exception {
        Process shell = new ProcessBuilder("bash", "-e", "-x", "-c", script)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start();
        String transcript = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(shell.exitValue()).as(transcript).isZero();
        return transcript;
    }

    /** The README's walkthrough block, as written. */
    static String walkthrough() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        int start = readme.indexOf("<!-- walkthrough:start -->");
        int end = readme.indexOf("<!-- walkthrough:end -->");
        assertThat(start).as("README has a walkthrough block").isNotNegative();
        String block = readme.substring(start, end);
        return block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```"))
                        .strip() + "\n";
    }

    private static int freePort(int preferred) throws IOException {
        try (ServerSocket s = new ServerSocket(preferred)) {
            return preferred;
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}

package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update start --options} against {@code ./cassandra-mesos local} with real Cassandra (3 nodes, RF 3) and a
 * client writing at QUORUM throughout, on one local-mode run shared by the tests in order: a change the scheduler
 * refuses answers 400 and restarts nothing; a heap change restarts every node with the new {@code -Xmx}, one at a
 * time, with no failed write, and the plan completes; the options are kept in the data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigUpdateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = LocalModeProcess.REPO;
    private static final String TABLE = "updates.kv";

    @TempDir
    static Path data;

    static int port;
    static int cosmosPort;
    static LocalModeProcess local;
    static QuorumWriter writer;

    @BeforeAll
    static void startLocalModeAndAWriter() throws Exception {
        port = freePort(9000);
        cosmosPort = freePort(9010);
        local = LocalModeProcess.start(
                data.resolve("local-data"), port, false, List.of("--cosmos-port", Integer.toString(cosmosPort)));
        local.awaitDeployComplete();
        writer = new QuorumWriter(
                contactPoints(), LocalModeSettings.CQL_SUPERUSER, local.cqlPassword(), TABLE, "u", 100_000);
    }

    @AfterAll
    static void stopLocalMode() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    @Order(1)
    void aChangeTheSchedulerRefusesAnswers400AndRestartsNothing() throws Exception {
        Set<Long> cassandra = cassandraPids();
        assertThat(cassandra).hasSize(3);
        String scheduler = schedulerLine();
        assertThat(scheduler).as("the scheduler process of this run").isNotEmpty();

        CliResult cli = cli(options("{\"cassandra\": {\"cluster_name\": \"renamed\"}}"));
        // local mode's stand-in for Cosmos refuses it too when asked directly (no CLI in front)
        HttpResponse<String> direct = cosmosUpdate("{\"cassandra\": {\"cluster_name\": \"renamed\"}}");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(6);
        assertThat(cli.err()).contains("400").contains("cluster name cannot change");
        assertThat(direct.statusCode()).isEqualTo(400);
        assertThat(direct.body()).contains("cluster name cannot change");
        assertThat(cassandraPids()).as("every Cassandra process still runs").isEqualTo(cassandra);
        assertThat(schedulerLine()).as("the scheduler was not restarted").isEqualTo(scheduler);
        assertThat(data.resolve("local-data").resolve(PackageOptionsFile.NAME)).doesNotExist();
    }

    @Test
    @Order(2)
    void aHeapChangeRestartsEveryNodeWithTheNewHeapOneAtATimeWithoutAFailedQuorumWrite() throws Exception {
        Set<Long> before = cassandraPids();
        assertThat(before).hasSize(3);
        assertThat(heaps(before)).as("the heap local mode starts with").containsOnly("-Xmx256m");
        List<Integer> running = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                running.add(cassandraPids().size());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();

        CliResult started = cli(options("{\"nodes\": {\"heap\": 320}}"));

        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("Update started");
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<Long> now = cassandraPids();
                    assertThat(now).hasSize(3).doesNotContainAnyElementsOf(before);
                    assertThat(heaps(now)).containsOnly("-Xmx320m");
                    assertThat(planStatus()).isEqualTo("COMPLETE");
                });
        watching.set(false);
        watcher.join(5_000);
        QuorumWriter.Result writes = writer.finish(TABLE);
        System.out.println("update rollout: " + writes + "; Cassandra processes sampled " + running.size() + " times");

        assertThat(running)
                .as("Cassandra processes alive, sampled through the update")
                .allMatch(n -> n >= 2);
        assertThat(writes.acknowledged()).isPositive();
        assertThat(writes.failed())
                .as("failed QUORUM writes: " + writes.errors())
                .isZero();
        assertThat(writes.lost()).as("acknowledged rows missing at ALL").isZero();
        assertThat(target().path("nodes").path("heap_mb").asInt()).isEqualTo(320);
        JsonNode kept = JSON.readTree(
                data.resolve("local-data").resolve(PackageOptionsFile.NAME).toFile());
        assertThat(kept.path("nodes").path("heap").asInt())
                .as("options kept for the next run")
                .isEqualTo(320);
        CliResult describe = cli("describe", "--json");
        assertThat(JSON.readTree(describe.out()).path("nodes").path("heap_mb").asInt())
                .as("describe shows the configuration in force")
                .isEqualTo(320);
        CliResult status = cli("update", "status");
        assertThat(status.out()).containsPattern("^(update|deploy): COMPLETE\n");
    }

    // --- helpers

    record CliResult(int exitCode, String out, String err) {}

    private static String[] options(String json) throws IOException {
        Path file = Files.createTempFile(data, "options", ".json");
        Files.writeString(file, json);
        return new String[] {"update", "start", "--options", file.toString()};
    }

    private static CliResult cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(REPO.resolve("cli/target/dcos-cassandra").toString(), "--url", "http://127.0.0.1:" + port));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(data, "cli", ".out");
        Path err = Files.createTempFile(data, "cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("CASSANDRA_MESOS_TOKEN", local.token());
        env.put("CASSANDRA_MESOS_COSMOS_URL", "http://127.0.0.1:" + cosmosPort);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new CliResult(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> cosmosUpdate(String options) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cosmosPort + "/cosmos/service/update"))
                                .header("Authorization", "token=" + local.token())
                                .header(
                                        "Content-Type",
                                        "application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"appId\": \"/cassandra\", \"options\": " + options + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode api(String path) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "token=" + local.token())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private static JsonNode target() throws Exception {
        return api("/v1/config/target");
    }

    private static String planStatus() throws Exception {
        return api("/v1/plans/deploy").path("status").asText();
    }

    private static List<InetSocketAddress> contactPoints() throws Exception {
        List<InetSocketAddress> points = new ArrayList<>();
        for (JsonNode address : api("/v1/connection").path("address")) {
            String[] hostPort = address.asText().split(":");
            points.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        return points;
    }

    /** The Cassandra processes of this run: their storage lies in its data directory. */
    private static Set<Long> cassandraPids() {
        String storage = "-Dcassandra.storagedir=" + data.toAbsolutePath();
        return CommandLines.containing("CassandraDaemon", storage).collect(Collectors.toSet());
    }

    /** The scheduler process of this run (a child of the local-mode JVM), as pid and command line. */
    private static String schedulerLine() {
        return local.descendants()
                .filter(p -> CommandLines.of(p).contains("SchedulerApplication"))
                .map(p -> p.pid() + " " + CommandLines.of(p))
                .sorted()
                .collect(Collectors.joining("\n"));
    }

    /** Each process's {@code -Xmx} option, from /proc/<pid>/cmdline. */
    private static List<String> heaps(Set<Long> pids) {
        Map<Long, String> heaps = new HashMap<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                for (String part : CommandLines.of(handle).split(" ")) {
                    if (part.startsWith("-Xmx")) {
                        heaps.put(pid, part);
                    }
                }
            });
        }
        return new ArrayList<>(heaps.values());
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

package org.cassandramesos.bench.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cassandramesos.process.ProcessTree;

/**
 * Mode "local mode": {@code ./cassandra-mesos local --fresh} timed from its start until the deploy plan is COMPLETE,
 * polled through the scheduler's API with the token local mode prints. At COMPLETE the RSS of every process in its
 * tree is sampled; then it gets SIGINT (Ctrl-C; SIGTERM if it ignores SIGINT), and every process seen in its tree must be gone afterwards.
 */
final class LocalModeRun {
    private static final Pattern TOKEN_LINE = Pattern.compile("^\\s+token\\s+(\\S+)\\s*$");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Path repo;
    private final int nodes;
    private final int heapMb;

    /** @param repo the checkout holding {@code ./cassandra-mesos} and its build outputs */
    LocalModeRun(Path repo, int nodes, int heapMb) {
        this.repo = repo;
        this.nodes = nodes;
        this.heapMb = heapMb;
    }

    RunResult run(Path dataDir, Path log) throws Exception {
        int apiPort = freePort();
        List<String> command = List.of(
                repo.resolve("cassandra-mesos").toString(),
                "local",
                "--fresh",
                "--data-dir",
                dataDir.toString(),
                "--api-port",
                Integer.toString(apiPort),
                "--nodes",
                Integer.toString(nodes),
                "--heap",
                Integer.toString(heapMb));
        CompletableFuture<String> token = new CompletableFuture<>();

        long start = System.nanoTime();
        Process local = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .start();
        Thread output = copyOutput(local, log, token);
        try {
            URI plan = URI.create("http://127.0.0.1:" + apiPort + "/v1/plan");
            OptionalDouble apiUp = OptionalDouble.empty();
            long deadline = start + DEPLOY_TIMEOUT.toNanos();
            while (true) {
                if (!local.isAlive()) {
                    throw new IllegalStateException(
                            "local mode exited with " + local.exitValue() + " before COMPLETE; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "deploy plan not COMPLETE within " + DEPLOY_TIMEOUT + "; see " + log);
                }
                if (token.isDone()) {
                    Optional<String> status = planStatus(plan, token.get());
                    if (status.isPresent() && apiUp.isEmpty()) {
                        apiUp = OptionalDouble.of(secondsSince(start));
                    }
                    if (status.filter("COMPLETE"::equals).isPresent()) {
                        break;
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
            double seconds = secondsSince(start);
            List<ProcessSample> rss = RssSampler.tree(local.toHandle());
            return new RunResult(seconds, rss, stopLikeCtrlC(local), apiUp);
        } finally {
            if (local.isAlive()) {
                ProcessTree.stop(local.toHandle(), Duration.ofSeconds(30));
            }
            output.join(10_000);
        }
    }

    /** SIGINT, as Ctrl-C; describes what outlived local mode's own shutdown (then killed here). */
    private static List<String> stopLikeCtrlC(Process local) throws Exception {
        List<ProcessHandle> tree = treeOf(local);
        List<String> described = new ArrayList<>();
        for (ProcessHandle p : tree) {
            described.add(p.pid() + " "
                    + RssSampler.commandLine(p.pid()).map(ProcessKind::of).orElse(ProcessKind.OTHER));
        }
        // A JVM started with SIGINT ignored (a backgrounded non-interactive shell) keeps ignoring it; SIGTERM runs the
        // same shutdown hook then.
        String signal = RssSampler.ignoresSigint(local.pid()) ? "-TERM" : "-INT";
        System.out.println("stopping local mode (pid " + local.pid() + ") with SIG" + signal.substring(1));
        new ProcessBuilder("kill", signal, Long.toString(local.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (!local.waitFor(150, TimeUnit.SECONDS)) {
            throw new IllegalStateException("local mode did not stop within 150 s of SIGINT");
        }
        List<ProcessHandle> left = ProcessTree.awaitGone(tree, Duration.ofSeconds(10));
        List<String> leftovers = new ArrayList<>();
        for (ProcessHandle p : left) {
            leftovers.add(described.get(tree.indexOf(p)));
        }
        ProcessTree.stopAll(left, Duration.ofSeconds(30));
        return leftovers;
    }

    private static List<ProcessHandle> treeOf(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    /** The plan's status once the API answers; empty while the scheduler is still starting. */
    private Optional<String> planStatus(URI plan, String token) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(plan)
                            .timeout(Duration.ofSeconds(2))
                            .header("Authorization", "token=" + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 503) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(response.body());
            return Optional.of(body.path("status").asText(""));
        } catch (IOException notYet) {
            return Optional.empty();
        }
    }

    /** Local mode's console to {@code log}; the API token it prints completes {@code token}. */
    private static Thread copyOutput(Process process, Path log, CompletableFuture<String> token) throws IOException {
        PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread thread = new Thread(
                () -> {
                    try (writer;
                            BufferedReader reader = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            writer.println(line);
                            Matcher m = TOKEN_LINE.matcher(line);
                            if (!token.isDone() && m.matches()) {
                                token.complete(m.group(1));
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "local-mode-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer path, end to end: the README's local-mode command as a subprocess, the deploy plan
 * to COMPLETE, the README's walkthrough block run as written, Ctrl-C (SIGINT) with no process left
 * behind; then the same command again on the same data directory, and the rows are still there.
 */
class LocalModeIT {
    private static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Pattern TOKEN = Pattern.compile("^\\s+token\\s+(\\S+)\\s*$");

    @TempDir
    Path data;

    @Test
    void readmeLocalModeAndWalkthroughWorkCtrlCLeavesNothingAndDataSurvivesARestart() throws Exception {
        int port = freePort(9000);
        Path localData = data.resolve("local-data");

        try (LocalMode first = LocalMode.start(localData, port)) {
            first.awaitDeployComplete();
            assertThat(first.output()).contains("Deploy plan COMPLETE", "CQL contact points");
            String transcript = run(walkthrough().replace("<the token local mode printed>", first.token())
                    .replace("127.0.0.1:9000", "127.0.0.1:" + port));
            assertThat(transcript)
                    .contains("COMPLETE")
                    .contains("k=hello  v=world")
                    .contains("node-0", "node-1", "node-2");
        }

        try (LocalMode second = LocalMode.start(localData, port)) {
            second.awaitDeployComplete();
            String transcript = run("export CASSANDRA_MESOS_TOKEN=" + second.token() + "\n"
                    + "./cassandra-mesos cql --url http://127.0.0.1:" + port + " \"SELECT k, v FROM demo.kv\"\n");
            assertThat(transcript).as("rows written before the restart").contains("k=hello  v=world");
        }
    }

    /** {@code ./cassandra-mesos local} as a user runs it; closing it is Ctrl-C, then a check that nothing it started is left. */
    private static final class LocalMode implements AutoCloseable {
        private final Process process;
        private final URI api;
        private final List<String> output = new CopyOnWriteArrayList<>();
        private final Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();
        private final Thread reader;
        private final String token;

        private LocalMode(Process process, URI api) {
            this.process = process;
            this.api = api;
            this.reader = drain(process, output);
            this.token = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tokenIn(output), t -> t != null);
        }

        static LocalMode start(Path dataDir, int port) throws IOException {
            Process process = new ProcessBuilder(REPO.resolve("cassandra-mesos").toString(), "local",
                    "--data-dir", dataDir.toString(), "--api-port", Integer.toString(port))
                    .directory(REPO.toFile())
                    .redirectErrorStream(true)
                    .start();
            return new LocalMode(process, URI.create("http://127.0.0.1:" + port));
        }

        String token() {
            return token;
        }

        String output() {
            return String.join("\n", output);
        }

        void awaitDeployComplete() {
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                started.addAll(process.descendants().toList());
                return planStatus(api, token) == 200;
            });
            started.addAll(process.descendants().toList());
        }

        @Override
        public void close() throws Exception {
            started.addAll(process.descendants().toList());
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            boolean exited = process.waitFor(3, TimeUnit.MINUTES);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            reader.join(10_000);
            assertThat(exited).as("local mode stops on SIGINT:\n" + tail(output)).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(started.stream().filter(ProcessHandle::isAlive).map(LocalModeIT::describe).toList())
                            .as("processes local mode started that are still alive").isEmpty());
            assertThat(started).as("local mode started child processes (scheduler, S3Proxy, executors, Cassandra)")
                    .hasSizeGreaterThanOrEqualTo(8);
        }
    }

    /** Runs a shell script in the checkout as a user would; fails on the first failing command. */
    private static String run(String script) throws Exception {
        Process shell = new ProcessBuilder("bash", "-e", "-x", "-c", script)
                .directory(REPO.toFile()).redirectErrorStream(true).start();
        String transcript = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(5, TimeUnit.MINUTES)).isTrue();
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
        return block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```")).strip() + "\n";
    }

    private static String tokenIn(List<String> output) {
        for (String line : output) {
            Matcher m = TOKEN.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static int planStatus(URI api, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/v1/plan"))
                    .header("Authorization", "token=" + token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Thread drain(Process process, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                    System.out.println("[local] " + line);
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "local-mode-output");
        t.setDaemon(true);
        t.start();
        return t;
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

    private static String tail(List<String> output) {
        List<String> copy = new ArrayList<>(output);
        return String.join("\n", copy.subList(Math.max(0, copy.size() - 40), copy.size()));
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + " " + p.info().commandLine().map(c -> c.length() > 160 ? c.substring(0, 160) : c).orElse("?");
    }
}

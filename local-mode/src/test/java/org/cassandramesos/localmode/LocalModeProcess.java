package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** {@code ./cassandra-mesos local} as a user runs it; closing it is Ctrl-C, then a check that nothing it started is left. */
final class LocalModeProcess implements AutoCloseable {
    static final Path REPO =
            Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Pattern TOKEN = Pattern.compile("^\\s+token\\s+(\\S+)\\s*$");
    private static final Pattern CQL_PASSWORD = Pattern.compile("^\\s+CQL password: (\\S+)\\s*$");

    private final Process process;
    private final URI api;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();
    private final Thread reader;
    private final String token;

    /** How this test talks to the API: plain, or trusting local mode's CA once it is written ({@code --tls}). */
    private volatile HttpClient http = HttpClient.newHttpClient();

    private LocalModeProcess(Process process, URI api, Path caCert) {
        this.process = process;
        this.api = api;
        this.reader = drain(process, output);
        this.token = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> tokenIn(output), t -> t != null);
        if (caCert != null) {
            try {
                http = HttpClient.newBuilder()
                        .sslContext(org.cassandramesos.tls.TlsMaterial.trusting(java.nio.file.Files.readString(caCert)))
                        .build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static LocalModeProcess start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, false);
    }

    /** {@code ./cassandra-mesos local} as a user types it; with {@code tls}, {@code --tls} (API over https). */
    static LocalModeProcess start(Path dataDir, int port, boolean tls) throws IOException {
        return start(dataDir, port, tls, List.of());
    }

    /** As above, with more of {@code ./cassandra-mesos local}'s options. */
    static LocalModeProcess start(Path dataDir, int port, boolean tls, List<String> options) throws IOException {
        // a JUnit temporary directory is private (700); started as root, local mode runs the nodes as nobody, who
        // must enter it, as an agent's work_dir is open to the users its tasks run as
        java.nio.file.Files.setPosixFilePermissions(
                dataDir.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new java.util.ArrayList<>(List.of(
                REPO.resolve("cassandra-mesos").toString(),
                "local",
                "--data-dir",
                dataDir.toString(),
                "--api-port",
                Integer.toString(port)));
        if (tls) {
            command.add("--tls");
        }
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start();
        return new LocalModeProcess(
                process,
                URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port),
                tls ? dataDir.resolve("tls").resolve("ca.crt.pem") : null);
    }

    String token() {
        return token;
    }

    int planStatus() {
        return planStatus(http, api, token);
    }

    /** Local mode's processes: the scheduler, S3Proxy, executors, Cassandra nodes. */
    java.util.stream.Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    /** Local mode's ZooKeeper, from the banner ({@code ZooKeeper 127.0.0.1:<port> (…)}). */
    String zookeeperConnect() {
        for (String line : output) {
            String trimmed = line.strip();
            if (trimmed.startsWith("ZooKeeper ")) {
                return trimmed.substring("ZooKeeper ".length()).strip().split("\\s+")[0];
            }
        }
        throw new IllegalStateException("local mode printed no ZooKeeper line");
    }

    /** The local Mesos master's state endpoint, from the banner. */
    URI mesosState() {
        for (String line : output) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Mesos ")) {
                return URI.create(trimmed.substring("Mesos ".length()).strip().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("local mode printed no Mesos line");
    }

    String output() {
        return String.join("\n", output);
    }

    void awaitDeployComplete() {
        await().atMost(Duration.ofMinutes(8))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    started.addAll(process.descendants().toList());
                    return planStatus(http, api, token) == 200;
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
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(started.stream()
                                .filter(ProcessHandle::isAlive)
                                .map(LocalModeProcess::describe)
                                .toList())
                        .as("processes local mode started that are still alive")
                        .isEmpty());
        assertThat(started)
                .as("local mode started child processes (scheduler, S3Proxy, executors, Cassandra)")
                .hasSizeGreaterThanOrEqualTo(8);
    }

    /** The CQL superuser's password the banner printed. */
    String cqlPassword() {
        return printed(output, CQL_PASSWORD);
    }

    private static String tokenIn(List<String> output) {
        return printed(output, TOKEN);
    }

    private static String printed(List<String> output, Pattern pattern) {
        for (String line : output) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static int planStatus(HttpClient http, URI api, String token) {
        try {
            return http.send(
                            HttpRequest.newBuilder(api.resolve("/v1/plan"))
                                    .header("Authorization", "token=" + token)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Thread drain(Process process, List<String> into) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            into.add(line);
                            System.out.println("[local] " + line);
                        }
                    } catch (IOException ignored) {
                        // process gone
                    }
                },
                "local-mode-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String tail(List<String> output) {
        List<String> copy = new ArrayList<>(output);
        return String.join("\n", copy.subList(Math.max(0, copy.size() - 40), copy.size()));
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + " "
                + p.info()
                        .commandLine()
                        .map(c -> c.length() > 160 ? c.substring(0, 160) : c)
                        .orElse("?");
    }
}

package org.cassandramesos.bench.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.scheduler.mesos.SchedulerProcess;

/**
 * One real scheduler process of the benchmark (started as {@link SchedulerLaunch} says, configured by environment),
 * and what the product tells about it: its role and whether it has reconciled,
 * from the {@code scheduler} check of {@code /healthcheck} on its admin port.
 */
final class SchedulerInstance {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int apiPort;
    private final int adminPort;
    private final Path log;

    private SchedulerInstance(Process process, int apiPort, int adminPort, Path log) {
        this.process = process;
        this.apiPort = apiPort;
        this.adminPort = adminPort;
        this.log = log;
    }

    /** Starts the scheduler with {@code base} and its own ports and ZooKeeper session timeout. */
    static SchedulerInstance start(Map<String, String> base, int sessionTimeoutS, Path log) throws IOException {
        return start(base, sessionTimeoutS, log, Map.of());
    }

    /** As {@link #start(Map, int, Path)}, with the launcher's settings {@code launcher} ({@link SchedulerLaunch}). */
    static SchedulerInstance start(
            Map<String, String> base, int sessionTimeoutS, Path log, Map<String, String> launcher) throws IOException {
        Map<String, String> env = new HashMap<>(base);
        int api = SchedulerProcess.freePort();
        int admin = SchedulerProcess.freePort();
        env.put("PORT0", String.valueOf(api));
        env.put("PORT1", String.valueOf(admin));
        env.put("ZOOKEEPER_SESSION_TIMEOUT_S", String.valueOf(sessionTimeoutS));
        return new SchedulerInstance(FailoverBench.LAUNCH.start(env, log, launcher), api, admin, log);
    }

    Path log() {
        return log;
    }

    int apiPort() {
        return apiPort;
    }

    int adminPort() {
        return adminPort;
    }

    long pid() {
        return process.pid();
    }

    /** The {@code scheduler} health check's fields, or an empty object while the admin port does not answer. */
    JsonNode health() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("scheduler");
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }

    /** {@code GET /ready}: the deploy plan is COMPLETE. */
    boolean deployComplete() {
        return SchedulerProcess.ready(apiPort) == 200;
    }

    boolean isReconciled() {
        return health().path("reconciled").asBoolean(false);
    }

    boolean isStandby() {
        return "standby".equals(health().path("role").asText());
    }

    /** Polls every {@code every} until {@code condition} or {@code within}; false if the process died or time ran out. */
    boolean await(java.util.function.BooleanSupplier condition, Duration within, Duration every)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
        return false;
    }

    /** SIGKILL, as a crash or {@code kill -9}: nothing of the process runs after this. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Marathon stops a task first: the scheduler leaves the election on its way out. */
    void terminate() {
        process.destroy();
    }

    void awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }
}

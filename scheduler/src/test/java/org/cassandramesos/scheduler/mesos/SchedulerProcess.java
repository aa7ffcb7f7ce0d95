package org.cassandramesos.scheduler.mesos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;

/**
 * The real scheduler as its own OS process (as Marathon runs it), configured by environment for a local Mesos of
 * tiny nodes run by {@link TestCassandraExecutor}. Shared through the scheduler's test-jar: the failover benchmark
 * (bench/) starts and kills the scheduler with it too.
 */
public final class SchedulerProcess {
    public static final String API_TOKEN = "api-token-for-the-test";

    private SchedulerProcess() {}

    static Map<String, String> environment(String service, String zookeeper, URI master, int apiPort)
            throws IOException {
        return environment(service, zookeeper, ZooKeeperFixture.DIGEST, master, apiPort, 3);
    }

    /**
     * @param digest the scheduler's ZooKeeper credential ({@code ZOOKEEPER_DIGEST})
     * @param nodes  how many nodes it deploys (one seed), one per agent of the local Mesos
     */
    public static Map<String, String> environment(
            String service, String zookeeper, String digest, URI master, int apiPort, int nodes) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("SERVICE_NAME", service);
        env.put("FRAMEWORK_ROLE", service + "-role");
        env.put("FRAMEWORK_PRINCIPAL", service + "-principal");
        env.put("FRAMEWORK_USER", System.getProperty("user.name"));
        env.put("ZOOKEEPER", zookeeper);
        env.put("ZOOKEEPER_DIGEST", digest);
        env.put("MESOS_MASTER_URL", master.toString());
        env.put("NODES", String.valueOf(nodes));
        env.put("SEEDS", "1");
        env.put("NODE_CPUS", "0.1");
        env.put("NODE_MEM_MB", "64");
        env.put("NODE_DISK_MB", "16");
        env.put("NODE_HEAP_MB", "32");
        env.put("EXECUTOR_CPUS", "0.05");
        env.put("EXECUTOR_MEM_MB", "32");
        for (String port : List.of("NATIVE_PORT", "STORAGE_PORT", "JMX_PORT", "NODE_API_PORT", "METRICS_PORT")) {
            env.put(port, "0");
        }
        env.put("EXECUTOR_URI", MesosTestSupport.artifact("executor.txt"));
        env.put("CASSANDRA_URI", MesosTestSupport.artifact("cassandra.txt"));
        env.put("JAVA_RUNTIME_URI", MesosTestSupport.artifact("java-runtime.txt"));
        env.put("EXECUTOR_COMMAND", TestCassandraExecutor.command());
        env.put("FAST_START", "true");
        env.put("OFFER_REFUSE_SHORT_S", "1");
        env.put("OFFER_REFUSE_LONG_S", "2");
        env.put("KILL_GRACE_S", "3");
        env.put("RETRY_INITIAL_BACKOFF_S", "1");
        env.put("AUTH_TOKEN", API_TOKEN);
        env.put("NODE_API_TOKEN", MesosTestSupport.NODE_API_TOKEN);
        env.put("PORT0", String.valueOf(apiPort));
        env.put("PORT1", String.valueOf(freePort()));
        return env;
    }

    /** The scheduler with this JVM's classpath (which must hold the test classes: the executors run from it). */
    public static Process start(Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SchedulerApplication.class.getName(),
                        "server",
                        "scheduler.yml")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** {@code GET /ready}: 200 once the deploy plan is COMPLETE; -1 while nothing answers. */
    public static int ready(int apiPort) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/ready"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A request to the scheduler on {@code port} (API or admin), with the API token if {@code token} is given. */
    static HttpResponse<String> call(String method, int port, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "token=" + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

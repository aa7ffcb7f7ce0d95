package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler as its own OS process, killed mid-deploy (no shutdown hooks run) and started again:
 * it re-subscribes as the same framework, reconciles, and finishes the deploy with one task per node
 * and every reservation accounted for.
 */
class SchedulerFailoverTest {
    private static final String SERVICE = "failover";

    @TempDir
    Path workDir;

    @Test
    void aKilledSchedulerComesBackAsTheSameFrameworkAndFinishesTheDeploy() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                LocalMesos mesos = MesosTestSupport.mesos(workDir.resolve("mesos"), 3);
                CuratorFramework client = ZooKeeperClients.start(zookeeper.getConnectString(),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS)) {
            TaskStore tasks = new TaskStore(new CuratorPersister(client, SERVICE));
            FrameworkStore frameworks = new FrameworkStore(new CuratorPersister(client, SERVICE));
            int apiPort = freePort();
            Map<String, String> env = environment(zookeeper.getConnectString(), mesos.masterUri(), apiPort);

            Process first = startScheduler(env, workDir.resolve("scheduler-1.log"));
            try {
                // mid-deploy: the first node is up and the second has been launched
                await().atMost(Duration.ofSeconds(90)).until(() -> tasks.taskInfo("node-1").isPresent());
            } finally {
                first.destroyForcibly().waitFor();
            }
            FrameworkID frameworkId = frameworks.get().orElseThrow();
            assertThat(tasks.taskInfo("node-2")).isEmpty();

            Process second = startScheduler(env, workDir.resolve("scheduler-2.log"));
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> ready(apiPort) == 200);
            } finally {
                second.destroy();
                if (!second.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    second.destroyForcibly().waitFor();
                }
            }

            JsonNode state = mesos.masterState();
            assertThat(state.get("frameworks")).hasSize(1);
            JsonNode framework = state.get("frameworks").get(0);
            assertThat(framework.get("id").asText()).isEqualTo(frameworkId.getValue());
            assertThat(frameworks.get()).contains(frameworkId);

            // exactly one live task per node, and it is the one the scheduler has on record
            Map<String, String> liveTasks = new TreeMap<>();
            for (JsonNode task : framework.get("tasks")) {
                if (task.get("state").asText().equals("TASK_RUNNING")) {
                    assertThat(liveTasks.put(task.get("name").asText(), task.get("id").asText()))
                            .as("second live task for " + task.get("name").asText()).isNull();
                }
            }
            assertThat(liveTasks.keySet()).containsExactly("node-0", "node-1", "node-2");
            for (String node : liveTasks.keySet()) {
                assertThat(liveTasks.get(node)).isEqualTo(tasks.taskInfo(node).orElseThrow().getTaskId().getValue());
            }

            // every reservation on the agents belongs to a node, on that node's agent; none is missing
            Map<String, String> reservedOn = new HashMap<>();
            for (JsonNode agent : state.get("slaves")) {
                JsonNode reserved = agent.get("reserved_resources_full").get(SERVICE + "-role");
                if (reserved == null) {
                    continue;
                }
                for (JsonNode resource : reserved) {
                    for (JsonNode label : resource.get("reservations").get(0).path("labels").path("labels")) {
                        if (label.get("key").asText().equals("resource_id")) {
                            String previous = reservedOn.put(label.get("value").asText(), agent.get("hostname").asText());
                            assertThat(previous == null || previous.equals(agent.get("hostname").asText())).isTrue();
                        }
                    }
                }
            }
            Map<String, String> expected = new HashMap<>();
            for (String node : List.of("node-0", "node-1", "node-2")) {
                NodeRecord record = tasks.record(node).orElseThrow();
                expected.put(record.reservation().resourceId(), record.agent().hostname());
            }
            assertThat(reservedOn).isEqualTo(expected);
        }
    }

    private static Map<String, String> environment(String zookeeper, URI master, int apiPort) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("SERVICE_NAME", SERVICE);
        env.put("FRAMEWORK_ROLE", SERVICE + "-role");
        env.put("FRAMEWORK_PRINCIPAL", SERVICE + "-principal");
        env.put("FRAMEWORK_USER", System.getProperty("user.name"));
        env.put("ZOOKEEPER", zookeeper);
        env.put("ZOOKEEPER_DIGEST", ZooKeeperFixture.DIGEST);
        env.put("MESOS_MASTER_URL", master.toString());
        env.put("NODES", "3");
        env.put("SEEDS", "1");
        env.put("NODE_CPUS", "0.1");
        env.put("NODE_MEM_MB", "64");
        env.put("NODE_DISK_MB", "16");
        env.put("NODE_HEAP_MB", "32");
        env.put("EXECUTOR_CPUS", "0.05");
        env.put("EXECUTOR_MEM_MB", "32");
        for (String port : List.of("NATIVE_PORT", "STORAGE_PORT", "JMX_PORT", "NODE_API_PORT")) {
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
        env.put("AUTH_TOKEN", "api-token-for-the-test");
        env.put("NODE_API_TOKEN", MesosTestSupport.NODE_API_TOKEN);
        env.put("PORT0", String.valueOf(apiPort));
        env.put("PORT1", String.valueOf(freePort()));
        return env;
    }

    private static Process startScheduler(Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SchedulerApplication.class.getName(),
                "server", "scheduler.yml")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int ready(int apiPort) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + apiPort + "/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

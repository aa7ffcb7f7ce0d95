package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.state.StateRoot;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uninstall as Cosmos drives it, with the real scheduler process against the local Mesos: deploy, restart the
 * scheduler with {@code SDK_UNINSTALL=true}, poll {@code /v1/plans/deploy} (202 until 200) and read
 * {@code /v1/state/frameworkId}; afterwards the master holds no task, reservation or volume of the role, the framework
 * is torn down, the ZooKeeper root is gone, and an install under the same name deploys as a new framework.
 */
class UninstallTest {
    private static final String SERVICE = "uninstall";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void uninstallReleasesEverythingDeletesTheStateAndAReinstallDeploysAfresh() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                LocalMesos mesos = MesosTestSupport.mesos(workDir.resolve("mesos"), 3);
                CuratorFramework client = ZooKeeperClients.start(
                        zookeeper.getConnectString(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        ZooKeeperFixture.ACCESS)) {
            int apiPort = SchedulerProcess.freePort();
            Map<String, String> env =
                    SchedulerProcess.environment(SERVICE, zookeeper.getConnectString(), mesos.masterUri(), apiPort);
            String root = StateRoot.of(SERVICE).path();

            Process deploy = SchedulerProcess.start(env, workDir.resolve("scheduler-deploy.log"));
            String firstFramework;
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> SchedulerProcess.ready(apiPort) == 200);
                firstFramework = frameworkId(apiPort);
            } finally {
                stop(deploy);
            }
            assertThat(client.getChildren().forPath("/")).contains(root.substring(1));
            assertThat(reservations(mesos.masterState())).isNotEmpty();
            assertThat(volumes(mesos.masterState())).hasSize(3);

            Map<String, String> uninstallEnv = new java.util.HashMap<>(env);
            uninstallEnv.put("SDK_UNINSTALL", "true");
            Process uninstall = SchedulerProcess.start(uninstallEnv, workDir.resolve("scheduler-uninstall.log"));
            List<Integer> codes = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> SchedulerProcess.ready(apiPort) == 200);
                assertThat(frameworkId(apiPort)).isEqualTo(firstFramework);
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            codes.add(get(apiPort, "/v1/plans/deploy").statusCode());
                            return codes.get(codes.size() - 1) == 200;
                        });
                HttpResponse<String> plan = get(apiPort, "/v1/plans/deploy");
                JsonNode body = JSON.readTree(plan.body());
                assertThat(body.get("status").asText()).isEqualTo("COMPLETE");
                List<String> phases = new ArrayList<>();
                body.get("phases").forEach(p -> phases.add(p.get("name").asText()));
                assertThat(phases).containsExactly("kill-tasks", "unreserve-resources", "deregister-service");
                assertThat(get(apiPort, "/v1/plan").statusCode()).isEqualTo(200);
                // the routes need the API credential like every other one
                assertThat(HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + apiPort + "/v1/plans/deploy"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode())
                        .isEqualTo(401);
                assertThat(HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "http://127.0.0.1:" + apiPort + "/v1/state/frameworkId"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode())
                        .isEqualTo(401);
            } finally {
                stop(uninstall);
            }
            // in progress answers 202, as dcos-commons (UninstallPlansTest pins it down); a fast uninstall may be
            // COMPLETE by the first poll, so here only "never 503 or anything else" is certain
            assertThat(codes)
                    .as("the plan while uninstalling")
                    .isNotEmpty()
                    .allMatch(code -> code == 202 || code == 200);

            JsonNode state = mesos.masterState();
            assertThat(reservations(state)).as("reservations of the role").isEmpty();
            assertThat(volumes(state)).as("persistent volumes").isEmpty();
            List<String> live = new ArrayList<>();
            state.get("frameworks").forEach(f -> live.add(f.get("id").asText()));
            assertThat(live).as("registered frameworks").doesNotContain(firstFramework);
            List<String> completed = new ArrayList<>();
            state.path("completed_frameworks")
                    .forEach(f -> completed.add(f.get("id").asText()));
            assertThat(completed).as("torn down").contains(firstFramework);
            assertThat(client.checkExists().forPath(root))
                    .as("ZooKeeper root " + root)
                    .isNull();

            // Marathon may restart the uninstalling scheduler before Cosmos removes it: it finds nothing and says so
            Process again = SchedulerProcess.start(uninstallEnv, workDir.resolve("scheduler-uninstall-again.log"));
            try {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> SchedulerProcess.ready(apiPort) == 200);
                assertThat(get(apiPort, "/v1/plans/deploy").statusCode()).isEqualTo(200);
            } finally {
                stop(again);
            }
            assertThat(client.checkExists().forPath(root))
                    .as("ZooKeeper root re-created")
                    .isNull();
            assertThat(mesos.masterState().get("frameworks"))
                    .as("registered again")
                    .isEmpty();

            Process reinstall = SchedulerProcess.start(env, workDir.resolve("scheduler-reinstall.log"));
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> SchedulerProcess.ready(apiPort) == 200);
                assertThat(frameworkId(apiPort)).isNotEqualTo(firstFramework);
            } finally {
                stop(reinstall);
            }
        }
    }

    private static String frameworkId(int apiPort) throws Exception {
        HttpResponse<String> response = get(apiPort, "/v1/state/frameworkId");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ids = JSON.readTree(response.body());
        assertThat(ids).hasSize(1);
        return ids.get(0).asText();
    }

    private static HttpResponse<String> get(int apiPort, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                                .header("Authorization", "token=" + SchedulerProcess.API_TOKEN)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Every resource reserved for the service's role, on any agent. */
    private static List<JsonNode> reservations(JsonNode state) {
        List<JsonNode> reserved = new ArrayList<>();
        for (JsonNode agent : state.get("slaves")) {
            agent.path("reserved_resources_full").path(SERVICE + "-role").forEach(reserved::add);
        }
        return reserved;
    }

    private static List<JsonNode> volumes(JsonNode state) {
        return reservations(state).stream()
                .filter(r -> r.path("disk").has("persistence"))
                .toList();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

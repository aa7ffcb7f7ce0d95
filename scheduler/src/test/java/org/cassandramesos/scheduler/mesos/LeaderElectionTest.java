package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scheduler processes for one service against the same ZooKeeper and the local Mesos: exactly one is elected and
 * subscribes, the other waits as a standby (its API answers 503, after the token check); when the leader is killed
 * with SIGKILL the standby takes over with the same framework id, and so does another standby when that leader is
 * stopped cleanly (SIGTERM). A newer subscription with that id then ends the leader quietly ("Framework failed over", exit 0); after a TEARDOWN a new instance is refused ("Framework has been
 * removed") and exits with code 3.
 */
class LeaderElectionTest {
    private static final Pattern SUBSCRIBED = Pattern.compile("subscribed to \\S+ as framework (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "api-token-for-the-test"; // as SchedulerFailoverTest.environment sets it

    @TempDir
    Path workDir;

    @Test
    void onlyTheElectedInstanceSubscribesAndTheStandbyTakesOverWithTheSameFrameworkId() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                LocalMesos mesos = MesosTestSupport.mesos(workDir.resolve("mesos"), 3);
                CuratorFramework client = ZooKeeperClients.start(
                        zookeeper.getConnectString(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        ZooKeeperFixture.ACCESS)) {
            FrameworkStore frameworks = new FrameworkStore(new CuratorPersister(client, SchedulerFailoverTest.SERVICE));
            int firstApi = SchedulerProcess.freePort();
            int secondApi = SchedulerProcess.freePort();
            Map<String, String> firstEnv = SchedulerProcess.environment(
                    SchedulerFailoverTest.SERVICE, zookeeper.getConnectString(), mesos.masterUri(), firstApi);
            Map<String, String> secondEnv = SchedulerProcess.environment(
                    SchedulerFailoverTest.SERVICE, zookeeper.getConnectString(), mesos.masterUri(), secondApi);
            Path firstLog = workDir.resolve("scheduler-1.log");
            Path secondLog = workDir.resolve("scheduler-2.log");

            Process first = SchedulerProcess.start(firstEnv, firstLog);
            Process second = null;
            Process third = null;
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> SchedulerProcess.ready(firstApi) == 200);
                FrameworkID frameworkId = frameworks.get().orElseThrow();

                second = SchedulerProcess.start(secondEnv, secondLog);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> log(secondLog).contains("STANDBY"));
                await().atMost(Duration.ofSeconds(60)).until(() -> SchedulerProcess.ready(secondApi) == 503);
                // the standby's API: the token is checked first, then 503 with a message; /ready is 503
                assertThat(status(secondApi, "/v1/plan", null)).isEqualTo(401);
                HttpResponse<String> standby = get(secondApi, "/v1/plan", TOKEN);
                assertThat(standby.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(standby.body()).get("message").asText())
                        .contains("standby");
                assertThat(SchedulerProcess.ready(secondApi)).isEqualTo(503);
                // Marathon's health check passes on the standby (it is correctly waiting); /connected does not
                int secondAdmin = Integer.parseInt(secondEnv.get("PORT1"));
                JsonNode alive = JSON.readTree(
                                get(secondAdmin, "/healthcheck", null).body())
                        .get("scheduler");
                assertThat(alive.get("healthy").asBoolean()).isTrue();
                assertThat(alive.get("role").asText()).isEqualTo("standby");
                assertThat(status(secondAdmin, "/connected", null)).isEqualTo(500);

                // exactly one instance subscribed: one framework at the master, one subscription in the logs
                JsonNode state = mesos.masterState();
                assertThat(state.get("frameworks")).hasSize(1);
                assertThat(state.get("frameworks").get(0).get("id").asText()).isEqualTo(frameworkId.getValue());
                assertThat(state.get("frameworks").get(0).get("connected").asBoolean())
                        .isTrue();
                assertThat(subscriptions(firstLog)).containsOnly(frameworkId.getValue());
                assertThat(subscriptions(secondLog)).isEmpty();

                long killed = System.nanoTime();
                first.destroyForcibly().waitFor(); // SIGKILL: its latch znode goes only when its session expires
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !subscriptions(secondLog).isEmpty());
                long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                // bounded by the dead leader's ZooKeeper session expiry (ZOOKEEPER_SESSION_TIMEOUT_S, 10 s; the server
                // may
                // negotiate less), then the standby's state reads and SUBSCRIBE
                System.out.printf("TAKEOVER: SIGKILL of the leader -> standby subscribed in %d ms%n", takeoverMillis);

                assertThat(subscriptions(secondLog)).containsOnly(frameworkId.getValue());
                await().atMost(Duration.ofSeconds(60)).until(() -> SchedulerProcess.ready(secondApi) == 200);
                // the takeover ends when the new leader has reconciled every node's task: its health check says so
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> JSON.readTree(
                                        get(secondAdmin, "/healthcheck", null).body())
                                .get("scheduler")
                                .path("reconciled")
                                .asBoolean());
                assertThat(alive.path("reconciled").asBoolean()).isFalse(); // as a standby it had not
                assertThat(log(secondLog)).contains("RECONCILED: all 3 task(s) answered");
                JsonNode after = mesos.masterState();
                assertThat(after.get("frameworks")).hasSize(1);
                assertThat(after.get("frameworks").get(0).get("id").asText()).isEqualTo(frameworkId.getValue());
                assertThat(after.get("frameworks").get(0).get("connected").asBoolean())
                        .isTrue();

                // a clean stop (SIGTERM, as Marathon stops a task first): the leader leaves the election on its way
                // out, so a standby takes over without waiting for a session to expire
                Path thirdLog = workDir.resolve("scheduler-3.log");
                third = SchedulerProcess.start(firstEnv, thirdLog);
                await().atMost(Duration.ofSeconds(60)).until(() -> log(thirdLog).contains("STANDBY"));
                await().atMost(Duration.ofSeconds(60)).until(() -> SchedulerProcess.ready(firstApi) == 503);
                long stopped = System.nanoTime();
                second.destroy();
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !subscriptions(thirdLog).isEmpty());
                System.out.printf(
                        "TAKEOVER: SIGTERM of the leader -> standby subscribed in %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
                assertThat(subscriptions(thirdLog)).containsOnly(frameworkId.getValue());
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

                // a newer subscription with the same framework id: the master sends ERROR "Framework failed over" to
                // the leader's stream, and the leader exits quietly (code 0) instead of subscribing again
                FrameworkInfo info = FrameworkInfo.newBuilder()
                        .setUser(System.getProperty("user.name"))
                        .setName(SchedulerFailoverTest.SERVICE)
                        .addRoles(SchedulerFailoverTest.SERVICE + "-role")
                        .setPrincipal(SchedulerFailoverTest.SERVICE + "-principal")
                        .setFailoverTimeout(60)
                        .addCapabilities(
                                FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
                        .build();
                try (TestScheduler newer = new TestScheduler(mesos.masterUri(), info, Optional.empty())
                        .failingOver(frameworkId)
                        .start()) {
                    assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(third.exitValue()).isZero();
                    assertThat(log(thirdLog)).contains("Framework failed over");
                    assertThat(newer.client().isSubscribed()).isTrue();

                    // TEARDOWN removes the framework: a scheduler started now is refused with ERROR "Framework has
                    // been removed" and exits with code 3, saying what to do, instead of subscribing forever
                    newer.client().mesos().send(Calls.teardown());
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> mesos.masterState()
                                    .get("completed_frameworks")
                                    .toString()
                                    .contains(frameworkId.getValue()));
                }
                Path fourthLog = workDir.resolve("scheduler-4.log");
                Process fourth = SchedulerProcess.start(secondEnv, fourthLog);
                try {
                    assertThat(fourth.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(fourth.exitValue()).isEqualTo(3);
                    assertThat(log(fourthLog))
                            .contains("FRAMEWORK REMOVED", "Framework has been removed", "docs/reliability.md");
                } finally {
                    fourth.destroyForcibly().waitFor();
                }
            } finally {
                first.destroyForcibly().waitFor();
                if (third != null) {
                    third.destroyForcibly().waitFor();
                }
                if (second != null) {
                    second.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static java.util.List<String> subscriptions(Path log) throws IOException {
        java.util.List<String> ids = new java.util.ArrayList<>();
        Matcher m = SUBSCRIBED.matcher(log(log));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String log(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int status(int port, String path, String token) throws IOException, InterruptedException {
        return get(port, path, token).statusCode();
    }

    private static HttpResponse<String> get(int port, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "token=" + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.cassandramesos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.api.ApiApp;
import org.cassandramesos.scheduler.api.TestNodes;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against the real scheduler app (its Mesos side replaced by the scheduler's API test doubles)
 * over HTTP, with node state in a real ZooKeeper: node-0 and node-1 (seeds, on one IP with their own ports) run, node-2 is launched
 * without a status yet. node-0's executor node API is a real HTTP server here.
 */
class CliAgainstSchedulerTest {
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    static HttpServer executor;
    static String node0Task;

    @TempDir
    Path home;

    @BeforeAll
    static void storeNodesAndStartAnExecutorNodeApi() throws IOException {
        executor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor.createContext("/v1/cassandra/status", exchange -> {
            byte[] body = "{\"mode\":\"NORMAL\",\"joined\":true,\"rack\":\"rack1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        executor.start();
        node0Task = TestNodes.launch(
                API.tasks(), "node-0", "127.0.0.1", 9042, executor.getAddress().getPort(), TaskState.TASK_RUNNING);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TestNodes.launch(API.tasks(), "node-1", "127.0.0.1", 9043, closedPort, TaskState.TASK_RUNNING);
        TestNodes.launch(API.tasks(), "node-2", "127.0.0.3", 9042, 9001, null);
    }

    @AfterAll
    static void stopExecutor() {
        executor.stop(0);
    }

    @BeforeEach
    void reset() {
        API.plans().reset();
        API.operations().reset();
    }

    private CliRun cli(String... args) {
        return cliWithToken(API.token, args);
    }

    private CliRun cliWithToken(String token, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--url=" + API.url();
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(Map.of("CASSANDRA_MESOS_TOKEN", token), home, all);
    }

    private static JsonNode json(String text) throws Exception {
        return SchedulerRestClient.JSON.readTree(text);
    }

    @Test
    void planShowPrintsTheIncompleteDeployPlan() {
        CliRun run = cli("plan", "show");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("deploy: PENDING\n")
                .contains("PHASE  STEP    STATUS   MESSAGE")
                .contains("seeds  node-0  PENDING")
                .contains("nodes  node-2  PENDING");
    }

    @Test
    void planShowJsonIsTheSchedulersPlan() throws Exception {
        API.plans().completeAll("deploy");

        CliRun run = cli("plan", "show", "--json");
        CliRun before = cli("--json", "plan", "show");

        assertThat(run.exitCode()).isZero();
        assertThat(json(run.out()).path("status").asText()).isEqualTo("COMPLETE");
        assertThat(json(run.out()).path("phases")).hasSize(2);
        assertThat(json(before.out())).isEqualTo(json(run.out()));
    }

    @Test
    void planInterruptAndContinueSteerTheDeployPlan() {
        CliRun interrupt = cli("plan", "interrupt");

        assertThat(interrupt.out()).isEqualTo("plan deploy interrupted\n");
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isTrue();

        CliRun proceed = cli("plan", "continue");

        assertThat(proceed.exitCode()).as(proceed.err()).isZero();
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isFalse();
    }

    @Test
    void planForceAndRestartAStepByName() {
        assertThat(cli("plan", "force", "--phase=nodes", "--step=node-2").exitCode())
                .isZero();
        assertThat(API.plans()
                        .plan("deploy")
                        .orElseThrow()
                        .steps()
                        .filter(s -> s.name().equals("node-2"))
                        .allMatch(s -> s.isComplete()))
                .isTrue();

        assertThat(cli("plan", "restart", "--phase", "nodes", "--step", "node-2")
                        .exitCode())
                .isZero();
        assertThat(API.plans()
                        .plan("deploy")
                        .orElseThrow()
                        .steps()
                        .filter(s -> s.name().equals("node-2"))
                        .noneMatch(s -> s.isComplete()))
                .isTrue();
    }

    @Test
    void anUnknownPlanOrStepIsNotFound() {
        CliRun plan = cli("plan", "show", "repair");
        CliRun step = cli("plan", "force", "--phase=nodes", "--step=node-7");

        assertThat(plan.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code);
        assertThat(plan.err()).isEqualTo("error: not found (404): no plan repair\n");
        assertThat(step.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code);
    }

    @Test
    void connectionShowsTheRunningNodes() {
        String dns0 = "node-0." + API.service + ".mesos:9042";
        String dns1 = "node-1." + API.service + ".mesos:9043";

        assertThat(cli("connection").out())
                .contains("nodes    127.0.0.1:9042, 127.0.0.1:9043")
                .contains("address  127.0.0.1:9042, 127.0.0.1:9043")
                .contains("dns      " + dns0 + ", " + dns1);
        assertThat(cli("connection", "--address").out()).isEqualTo("127.0.0.1:9042\n127.0.0.1:9043\n");
        assertThat(cli("connection", "--dns").out()).isEqualTo(dns0 + "\n" + dns1 + "\n");
        assertThat(cli("connection", "--dns", "--address").exitCode()).isEqualTo(ExitCode.USAGE.code);
    }

    @Test
    void seedsAreTheSeedNodesIps() {
        assertThat(cli("seeds").out()).isEqualTo("KEY    VALUE\nseeds  127.0.0.1, 127.0.0.1\n");
    }

    @Test
    void nodeListDescribeAndStatus() {
        assertThat(cli("node", "list").out()).isEqualTo("node-0\nnode-1\nnode-2\n");
        assertThat(cli("node", "describe", "0").out())
                .contains("id         " + node0Task)
                .contains("state      TASK_RUNNING")
                .contains("seed       true")
                .contains("ip         127.0.0.1");
        CliRun status = cli("node", "status", "node-0");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("mode    NORMAL").contains("joined  true");
    }

    @Test
    void nodeListWithResourcesAndInfoOfEveryNode() throws Exception {
        var nodes = APP.getConfiguration().getService().nodes();
        String cpus = Double.toString(nodes.cpus());
        String mem = Double.toString((double) nodes.memMb());
        CliRun resources = cli("node", "list", "--resources");
        assertThat(resources.exitCode()).as(resources.err()).isZero();
        assertThat(resources.out().lines().toList()).hasSize(4);
        assertThat(resources.out().lines().findFirst().orElseThrow()).matches("NAME +CPUS +MEM_MB");
        assertThat(resources.out())
                .containsPattern(
                        "node-2 +" + java.util.regex.Pattern.quote(cpus) + " +" + java.util.regex.Pattern.quote(mem));
        assertThat(cli("node", "list").out()).isEqualTo("node-0\nnode-1\nnode-2\n");

        JsonNode all = json(cli("node", "info", "--json").out());
        assertThat(all).hasSize(3);
        assertThat(all.get(0).path("id").asText()).isEqualTo(node0Task);
        assertThat(all.get(2).path("name").asText()).isEqualTo("node-2");
        assertThat(all.get(0).path("user").asText())
                .isEqualTo(APP.getConfiguration().getService().user());
        CliRun table = cli("node", "info");
        assertThat(table.out().lines().findFirst().orElseThrow())
                .startsWith("NAME")
                .contains("USER");
        assertThat(table.out()).contains(node0Task);
        assertThat(json(cli("node", "info", "0", "--json").out()).path("id").asText())
                .isEqualTo(node0Task);
    }

    @Test
    void nodeRestartAndReplacePrintWhatWasKilled() throws Exception {
        assertThat(cli("node", "restart", "0").out()).isEqualTo("restarting node-0\n");
        assertThat(json(cli("node", "replace", "node-0", "--json", "--yes").out())
                        .get(0)
                        .asText())
                .isEqualTo(node0Task);
        assertThat(API.operations().requests).containsExactly("restart node-0", "replace node-0");
    }

    @Test
    void errorsKeepTheirExitCodes() {
        CliRun unauthorized = cliWithToken("wrong-token", "node", "list");
        assertThat(unauthorized.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED.code);
        assertThat(unauthorized.err()).startsWith("error: not authorized (401)").doesNotContain("wrong-token");
        assertThat(unauthorized.err().strip()).doesNotContain("\n");
        assertThat(unauthorized.out()).isEmpty();

        CliRun notFound = cli("node", "describe", "9");
        assertThat(notFound.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code);
        assertThat(notFound.err()).isEqualTo("error: not found (404): no node node-9\n");

        API.operations().markBusy("node-1");
        CliRun conflict = cli("node", "restart", "1");
        assertThat(conflict.exitCode()).isEqualTo(ExitCode.CONFLICT.code);
        assertThat(conflict.err()).isEqualTo("error: conflict (409): repair is running on node-1; stop it or wait\n");

        CliRun unreachableExecutor = cli("node", "status", "1");
        assertThat(unreachableExecutor.exitCode()).isEqualTo(ExitCode.SERVER_ERROR.code);
        assertThat(unreachableExecutor.err()).contains("502").contains("executor of node-1");
    }

    @Test
    void describePrintsTheTargetConfigAsJson() throws Exception {
        CliRun run = cli("describe");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode config = json(run.out());
        assertThat(config.path("service_name").asText()).isEqualTo(API.service);
        assertThat(config.path("nodes").isObject()).isTrue();
        assertThat(config.path("cassandra").isObject()).isTrue();
        assertThat(json(cli("describe", "--json").out())).isEqualTo(config);
    }

    @Test
    void endpointsListsNativeClientAndShowsItsAddressesAsTheSdkDoes() throws Exception {
        CliRun names = cli("endpoints");
        CliRun nativeClient = cli("endpoints", "native-client");

        assertThat(names.exitCode()).as(names.err()).isZero();
        assertThat(json(names.out())).isEqualTo(json("[\"native-client\"]"));
        assertThat(nativeClient.exitCode()).as(nativeClient.err()).isZero();
        // the SDK's address and dns, and seed 002's nodes list beside them (GET /v1/connection as served)
        assertThat(json(nativeClient.out()))
                .isEqualTo(json("{\"nodes\":[\"127.0.0.1:9042\",\"127.0.0.1:9043\"],"
                        + "\"address\":[\"127.0.0.1:9042\",\"127.0.0.1:9043\"],"
                        + "\"dns\":[\"node-0." + API.service + ".mesos:9042\",\"node-1." + API.service
                        + ".mesos:9043\"]}"));
        assertThat(json(cli("endpoint", "native-client").out()))
                .as("the SDK's singular alias")
                .isEqualTo(json(nativeClient.out()));

        CliRun unknown = cli("endpoints", "vip");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code);
        assertThat(unknown.err()).isEqualTo("error: no endpoint vip; the endpoints are native-client\n");
    }

    @Test
    void globalOptionsWorkAfterTheSubcommand() throws Exception {
        CliRun after = CliRun.run(
                Map.of("CASSANDRA_MESOS_TOKEN", API.token),
                home,
                "node",
                "describe",
                "0",
                "--json",
                "--url",
                API.url());
        CliRun before = CliRun.run(
                Map.of(), home, "--json", "--url=" + API.url(), "--token=" + API.token, "node", "describe", "0");
        CliRun tokenAfter = CliRun.run(Map.of(), home, "node", "list", "--url=" + API.url(), "--token", API.token);

        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(json(after.out()).path("id").asText()).isEqualTo(node0Task);
        assertThat(json(before.out())).isEqualTo(json(after.out()));
        assertThat(tokenAfter.out()).isEqualTo("node-0\nnode-1\nnode-2\n");
        CliRun originalSpelling =
                CliRun.run(Map.of(), home, "node", "list", "--url=" + API.url(), "--custom-auth-token", API.token);
        assertThat(originalSpelling.out())
                .as("the original CLI's --custom-auth-token")
                .isEqualTo(tokenAfter.out());
    }

    @Test
    void updateStatusShowsTheDeployPlanWhenThereIsNoUpdatePlan() throws Exception {
        CliRun status = cli("update", "status");
        CliRun asJson = cli("update", "status", "--json");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).startsWith("deploy: PENDING\n").contains("nodes  node-2  PENDING");
        assertThat(json(asJson.out()).path("phases")).hasSize(2);
    }

    @Test
    void updatePauseAndResumeSteerTheRolloutPlan() {
        CliRun pause = cli("update", "pause");

        assertThat(pause.exitCode()).as(pause.err()).isZero();
        assertThat(pause.out()).isEqualTo("plan deploy interrupted\n");
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isTrue();

        CliRun resume = cli("update", "resume");
        assertThat(resume.out()).isEqualTo("plan deploy continued\n");
        assertThat(API.plans().plan("deploy").orElseThrow().interrupted()).isFalse();
    }

    @Test
    void updateStartWithUrlAndNoPackageManagerSaysHowToGetOneAndSendsNothing() throws Exception {
        Path options = home.resolve("options.json");
        java.nio.file.Files.writeString(options, "{\"nodes\": {\"heap\": 512}}");

        CliRun run = cli("update", "start", "--options", options.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_CONFIGURED.code);
        assertThat(run.err())
                .startsWith("error: update start changes the package options through a package manager")
                .contains("CASSANDRA_MESOS_COSMOS_URL");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void updateStartOfAChangeTheSchedulerRefusesStopsThereWithEveryReason() throws Exception {
        Path options = home.resolve("refused.json");
        java.nio.file.Files.writeString(options, "{\"cassandra\": {\"cluster_name\": \"renamed\", \"num_tokens\": 7}}");
        // a package manager that is never reached: the scheduler's refusal comes first (else: exit 8, unreachable)
        Map<String, String> env =
                Map.of("CASSANDRA_MESOS_TOKEN", API.token, "CASSANDRA_MESOS_COSMOS_URL", "http://127.0.0.1:1");

        CliRun run = CliRun.run(env, home, "--url=" + API.url(), "update", "start", "--options", options.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLIENT_ERROR.code);
        assertThat(run.err())
                .contains("400")
                .contains("cluster name cannot change")
                .contains("num_tokens cannot change");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void nodeReplaceWithoutATerminalIsRefusedUnlessYes() {
        CliRun unconfirmed = cli("node", "replace", "1");

        assertThat(unconfirmed.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(unconfirmed.err())
                .startsWith("error: node-1 will be replaced on another agent")
                .endsWith("no terminal to ask on: add --yes to confirm\n");
        assertThat(API.operations().requests).isEmpty();

        assertThat(cli("node", "replace", "1", "-y").exitCode()).isZero();
        assertThat(API.operations().requests).containsExactly("replace node-1");
    }
}

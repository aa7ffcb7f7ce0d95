package org.cassandramesos.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.support.Stepwise;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.mesos.MesosTestSupport;
import org.cassandramesos.scheduler.mesos.SchedulerAppOnLocalMesos;
import org.cassandramesos.scheduler.mesos.TestCassandraExecutor;
import org.cassandramesos.scheduler.ops.NodeAddress;
import org.cassandramesos.scheduler.ops.NodeApiDouble;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's Prometheus metrics, scraped over HTTP from the real app (API, ZooKeeper, Mesos side) while it deploys
 * three nodes on a local Mesos ({@link TestCassandraExecutor}) and runs a repair against each node's
 * {@link NodeApiDouble}: the counters and gauges follow what happens. Tests run in order on one cluster.
 */
@Stepwise
class MetricsComponentTest {
    private static final String SERVICE = "metrics";
    private static final String TOKEN = "api-token-metrics";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> NODES = List.of("node-0", "node-1", "node-2");

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;
    static LocalMesos mesos;
    static CuratorFramework zk;
    static DropwizardTestSupport<SchedulerConfiguration> app;
    static final Map<String, NodeApiDouble> nodes = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        zookeeper = new TestingServer(true);
        mesos = MesosTestSupport.mesos(workDir.resolve("mesos"), 3);
        zk = ZooKeeperClients.start(
                zookeeper.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(30), ZooKeeperFixture.ACCESS);
        app = startApp();
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.values().forEach(NodeApiDouble::close);
        if (app != null) app.after();
        if (zk != null) zk.close();
        if (mesos != null) mesos.close();
        if (zookeeper != null) zookeeper.close();
    }

    static DropwizardTestSupport<SchedulerConfiguration> startApp() throws Exception {
        return SchedulerAppOnLocalMesos.of(SERVICE, TOKEN, zookeeper.getConnectString(), mesos.masterUri())
                .set("mesos.refuse_long", "PT1S")
                .start();
    }

    static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static PrometheusText scrape() throws Exception {
        HttpResponse<String> answer = get("http://localhost:" + app.getLocalPort() + "/v1/metrics", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return PrometheusText.parse(answer.body());
    }

    static String planStatus(String plan) throws Exception {
        HttpResponse<String> answer =
                get("http://localhost:" + app.getLocalPort() + "/v1/plans/" + plan, "token=" + TOKEN);
        return new ObjectMapper().readTree(answer.body()).path("status").asText();
    }

    @Test
    @Order(1)
    void theEndpointNeedsTheTokenAndAnswersPrometheusTextWithTypeLines() throws Exception {
        String url = "http://localhost:" + app.getLocalPort() + "/v1/metrics";
        assertThat(get(url, null).statusCode()).isEqualTo(401);
        assertThat(get(url, "Bearer wrong-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get(url, "token=" + MesosTestSupport.NODE_API_TOKEN).statusCode())
                .isEqualTo(401);

        HttpResponse<String> answer = get(url, "Bearer " + TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain")
                .contains("version=0.0.4");
        PrometheusText metrics = PrometheusText.parse(answer.body());
        assertThat(metrics.types())
                .containsEntry("cassandra_mesos_offers_received_total", "counter")
                .containsEntry("cassandra_mesos_offers_declined_total", "counter")
                .containsEntry("cassandra_mesos_operations_started_total", "counter")
                .containsEntry("cassandra_mesos_operation_duration_seconds", "histogram")
                .containsEntry("cassandra_mesos_api_request_duration_seconds", "histogram")
                .containsEntry("cassandra_mesos_plan_status", "gauge")
                .containsEntry("cassandra_mesos_node_state", "gauge")
                .containsEntry("cassandra_mesos_leader", "gauge")
                .containsEntry("cassandra_mesos_mesos_subscribed", "gauge")
                .containsEntry("cassandra_mesos_zookeeper_connected", "gauge");
        // the JVM, and Dropwizard's registry bridged: Jetty's request timers
        assertThat(metrics.types())
                .containsEntry("jvm_memory_used_bytes", "gauge")
                .containsEntry("io_dropwizard_jetty_MutableServletContextHandler_requests", "summary");
        assertThat(metrics.value("cassandra_mesos_leader")).contains(1.0);
        assertThat(metrics.value("cassandra_mesos_zookeeper_connected")).contains(1.0);
        // the 401s above, by method, route and status: refused before routing, so no route
        assertThat(metrics.count(
                        "cassandra_mesos_api_request_duration_seconds_count",
                        "method",
                        "GET",
                        "route",
                        "unmatched",
                        "status",
                        "401"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(2)
    void theDeployShowsInThePlanNodeAndOfferMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> planStatus("deploy").equals("COMPLETE"));

        PrometheusText metrics = scrape();
        assertThat(metrics.value("cassandra_mesos_plan_status", "plan", "deploy", "status", "COMPLETE"))
                .contains(1.0);
        assertThat(metrics.value("cassandra_mesos_plan_status", "plan", "deploy", "status", "ERROR"))
                .contains(0.0);
        assertThat(metrics.value("cassandra_mesos_plan_steps", "plan", "deploy", "status", "COMPLETE"))
                .contains(3.0);
        assertThat(metrics.value("cassandra_mesos_plan_steps", "plan", "deploy", "status", "PENDING"))
                .contains(0.0);
        for (String node : NODES) {
            assertThat(metrics.value("cassandra_mesos_node_state", "node", node, "state", "TASK_RUNNING"))
                    .as(node)
                    .contains(1.0);
        }
        assertThat(metrics.value("cassandra_mesos_nodes", "state", "TASK_RUNNING"))
                .contains(3.0);
        assertThat(metrics.value("cassandra_mesos_mesos_subscribed")).contains(1.0);
        assertThat(metrics.value("cassandra_mesos_mesos_reconciled")).contains(1.0);
        // one accepted offer per node launched (three agents, hostname:UNIQUE)
        assertThat(metrics.count("cassandra_mesos_offers_accepted_total", "purpose", "launch"))
                .isEqualTo(3.0);
        // the query that steered the test shows up by its route template
        assertThat(metrics.count(
                        "cassandra_mesos_api_request_duration_seconds_count",
                        "method",
                        "GET",
                        "route",
                        "/v1/plans/{plan}",
                        "status",
                        "200"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void everyOfferReceivedIsCountedOnceAsAcceptedOrDeclined() throws Exception {
        // the serial deploy placed one node at a time: the other agents' offers of each round were declined
        PrometheusText deployed = scrape();
        assertThat(declined(deployed)).isPositive();
        assertThat(deployed.count("cassandra_mesos_offers_declined_total", "reason", "unneeded"))
                .isPositive();

        // received = accepted + declined, once no round is half counted
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    PrometheusText m = scrape();
                    return m.count("cassandra_mesos_offers_received_total") == accepted(m) + declined(m);
                });
    }

    @Test
    @Order(4)
    void aNodeRestartBringsOffersBackAndCountsTheRelaunchAndTheDeclines() throws Exception {
        PrometheusText before = scrape();

        HttpResponse<String> restart = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + app.getLocalPort() + "/v1/nodes/restart?node=node-1"))
                        .header("Authorization", "token=" + TOKEN)
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);

        // relaunched in place: one more launch accepted; the offers of the other agents in those rounds declined
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    PrometheusText m = scrape();
                    return m.count("cassandra_mesos_offers_accepted_total", "purpose", "launch") == 4.0
                            && m.value("cassandra_mesos_node_state", "node", "node-1", "state", "TASK_RUNNING")
                                    .isPresent()
                            && m.value("cassandra_mesos_plan_status", "plan", "deploy", "status", "COMPLETE")
                                            .orElse(0.0)
                                    == 1;
                });
        PrometheusText after = scrape();
        assertThat(after.count("cassandra_mesos_offers_received_total"))
                .isGreaterThan(before.count("cassandra_mesos_offers_received_total"));
        assertThat(declined(after)).isGreaterThan(declined(before));
        assertThat(after.count(
                        "cassandra_mesos_api_request_duration_seconds_count",
                        "method",
                        "PUT",
                        "route",
                        "/v1/nodes/restart",
                        "status",
                        "200"))
                .isEqualTo(1.0);
    }

    private static double accepted(PrometheusText m) {
        return m.count("cassandra_mesos_offers_accepted_total", "purpose", "launch")
                + m.count("cassandra_mesos_offers_accepted_total", "purpose", "release");
    }

    private static double declined(PrometheusText m) {
        double sum = 0;
        for (String reason : List.of("not_ready", "unneeded", "no_fit")) {
            sum += m.count("cassandra_mesos_offers_declined_total", "reason", reason);
        }
        return sum;
    }

    @Test
    @Order(5)
    void aRepairCountsOneStartOneCompleteEndAndItsDuration() throws Exception {
        TaskStore tasks = new TaskStore(new CuratorPersister(zk, SERVICE));
        for (String node : NODES) {
            NodeAddress address = NodeAddress.of(node, tasks.record(node), tasks.taskInfo(node))
                    .orElseThrow();
            NodeApiDouble double_ = NodeApiDouble.start(address, MesosTestSupport.NODE_API_TOKEN);
            double_.script(NodeApiDouble.Script.succeedAfter(2));
            nodes.put(node, double_);
        }
        PrometheusText before = scrape();
        assertThat(before.count("cassandra_mesos_operations_started_total", "kind", "repair"))
                .isZero();

        HttpResponse<String> started = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + "/v1/repair/start"))
                        .header("Authorization", "token=" + TOKEN)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"nodes\":[\"*\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(scrape().count("cassandra_mesos_operations_started_total", "kind", "repair"))
                .isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(30)).until(() -> planStatus("repair").equals("COMPLETE"));
        PrometheusText after = scrape();
        assertThat(after.count("cassandra_mesos_operations_finished_total", "kind", "repair", "outcome", "complete"))
                .isEqualTo(1.0);
        assertThat(after.count("cassandra_mesos_operations_finished_total", "kind", "repair", "outcome", "failed"))
                .isZero();
        assertThat(after.count(
                        "cassandra_mesos_operation_duration_seconds_count", "kind", "repair", "outcome", "complete"))
                .isEqualTo(1.0);
        assertThat(after.value("cassandra_mesos_plan_status", "plan", "repair", "status", "COMPLETE"))
                .contains(1.0);
        assertThat(after.value("cassandra_mesos_plan_steps", "plan", "repair", "status", "COMPLETE"))
                .contains(3.0);
        assertThat(after.count(
                        "cassandra_mesos_api_request_duration_seconds_count",
                        "method",
                        "PUT",
                        "route",
                        "/v1/{op}/start",
                        "status",
                        "202"))
                .isEqualTo(1.0);
    }

    @Test
    @Order(6)
    void theAdminPortServesTheSameTextWithoutAToken() throws Exception {
        HttpResponse<String> answer = get("http://127.0.0.1:" + app.getAdminPort() + "/prometheus", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        PrometheusText admin = PrometheusText.parse(answer.body());
        assertThat(admin.types()).containsAllEntriesOf(scrape().types());
        assertThat(admin.value("cassandra_mesos_plan_status", "plan", "deploy", "status", "COMPLETE"))
                .contains(1.0);
    }

    @Test
    @Order(7)
    void everySchedulerMetricTheDashboardQueriesIsServed() throws Exception {
        Set<String> queried = schedulerMetricsOfDashboard();
        Set<String> served = scrape().samples().keySet().stream()
                .map(series -> series.split("\\{", 2)[0])
                .collect(Collectors.toSet());

        assertThat(queried).contains("cassandra_mesos_plan_status", "cassandra_mesos_offers_received_total");
        assertThat(served).containsAll(queried);
    }

    /**
     * The metric names queried by the panels of the dashboard's "Scheduler" row ({@code docs/grafana}): every metric
     * selector there carries a label matcher, {@code name{job="$scheduler_job"}}.
     */
    static Set<String> schedulerMetricsOfDashboard() throws Exception {
        JsonNode dashboard =
                new ObjectMapper().readTree(Files.readString(Path.of("../docs/grafana/cassandra-mesos.json")));
        Pattern selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
        Set<String> names = new LinkedHashSet<>();
        String row = "";
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                row = panel.path("title").asText();
            } else if (row.startsWith("Scheduler")) {
                for (JsonNode target : panel.path("targets")) {
                    Matcher matcher = selector.matcher(target.path("expr").asText());
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }
}

package org.cassandramesos.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real Cassandra node (256 MB heap, fast start) on 127.0.0.61 started as the executor starts it
 * ({@link CassandraNode#start}: the Prometheus JMX exporter agent from the cassandra-dist tree with its shipped rules, on
 * the node's IP and metrics port), scraped over HTTP after a few CQL writes and reads.
 */
class CassandraMetricsExporterTest {
    private static final String IP = "127.0.0.61";
    private static final Duration READY = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A metric selector in a dashboard query: every one carries a label matcher, e.g. {@code name{job="$node_job"}}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    @TempDir
    static Path dir;

    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static String scrape;

    @BeforeAll
    static void startNodeAndScrape() throws Exception {
        CassandraNodeSpec.Ports free = TestSpecs.freePorts(IP);
        CassandraNodeSpec.Ports ports = new CassandraNodeSpec.Ports(
                free.nativeTransport(), free.storage(), free.jmx(), free.nodeApi(), TestSpecs.freePort(IP));
        spec = TestSpecs.spec(List.of(IP), ports, Map.of());
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        node.start();
        await().atMost(READY).pollInterval(Duration.ofMillis(500)).until(node::ready);
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1")
                // a loaded machine: schema changes take longer than the driver's 2 s default
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build()) {
            session.execute("CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', "
                    + "'replication_factor': 1}");
            session.execute("CREATE TABLE demo.kv (k text PRIMARY KEY, v text)");
            for (int i = 0; i < 20; i++) {
                session.execute("INSERT INTO demo.kv (k, v) VALUES ('k" + i + "', 'v')");
                session.execute("SELECT v FROM demo.kv WHERE k = 'k" + i + "'");
            }
        }
        scrape = get("/metrics").body();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + IP + ":" + spec.ports().metrics() + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesCassandraAndJvmMetricsAsPrometheusTextWithTypeLines() {
        assertThat(scrape)
                .contains("# TYPE cassandra_clientrequest_latency_seconds gauge")
                .contains("# TYPE cassandra_compaction_pendingtasks gauge")
                .contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(scrape.lines().filter(line -> line.startsWith("# TYPE ")).count())
                .isGreaterThan(20);
        assertThat(sample("cassandra_clientrequest_latency_seconds_count", "clientrequest=\"Write\""))
                .as("the 20 writes are counted")
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void namesNoKeyspaceTableOrAddressAndStaysBoundedByTheNodeNotTheSchema() {
        // anyone reaching the node's IP reads this port (docs/metrics.md): aggregates only
        assertThat(scrape).doesNotContain("demo").doesNotContain("\"kv\"").doesNotContain(IP);
        assertThat(scrape.lines().filter(line -> !line.startsWith("#")).count())
                .as("series on one node")
                .isLessThan(3000);
    }

    @Test
    void listensOnTheNodeIpOnly() {
        assertThat(reachable("127.0.0.1", spec.ports().metrics())).isFalse();
    }

    @Test
    void hasEveryNodeMetricTheDashboardQueries() throws Exception {
        Set<String> queried = nodeMetricsOfDashboard();
        assertThat(queried).isNotEmpty();
        Set<String> served = scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
        assertThat(served).containsAll(queried);
    }

    /** The metric names queried by the dashboard's panels in its node rows (every row but "Scheduler"). */
    static Set<String> nodeMetricsOfDashboard() throws Exception {
        JsonNode dashboard =
                new ObjectMapper().readTree(Files.readString(Path.of("../docs/grafana/cassandra-mesos.json")));
        Set<String> names = new LinkedHashSet<>();
        String row = "";
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                row = panel.path("title").asText();
                continue;
            }
            if (row.startsWith("Scheduler")) {
                continue;
            }
            for (JsonNode target : panel.path("targets")) {
                Matcher selector = SELECTOR.matcher(target.path("expr").asText());
                while (selector.find()) {
                    names.add(selector.group(1));
                }
            }
        }
        return names;
    }

    private static double sample(String name, String label) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static boolean reachable(String host, int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

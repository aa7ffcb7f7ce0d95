package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.cassandramesos.apispec.testing.PathVariants;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of api-spec/node-api.yaml, on its path and on every other spelling of it that a router might still
 * match ({@link PathVariants}), sent over real HTTP to the real node API server without a token, with a wrong one and
 * with the scheduler's API token: each is refused (401 from the auth filter, or 400 where Jetty refuses the URI
 * itself) and no resource method runs ({@link HandlerCalls}). A route added to the spec is covered without touching
 * this test.
 */
class NodeApiPathVariantsTest {
    private static final String TOKEN = "node-token-for-the-variants-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> WRONG_CREDENTIALS = Map.of(
            "no token", "",
            "wrong token", "token=wrong-" + TOKEN,
            "wrong Bearer token", "Bearer wrong",
            "the scheduler's API token", "token=api-token-of-the-scheduler");
    private static final AtomicLong CHECKED = new AtomicLong();
    private static final Map<Integer, AtomicLong> BY_STATUS = new TreeMap<>();

    @TempDir
    static Path dir;

    private static CassandraNode node;
    private static NodeJobs jobs;
    private static NodeApiServer server;

    @BeforeAll
    static void start() throws Exception {
        node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = new NodeJobs(node, NodeJobKinds.all());
        server = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(5), ProcessCounters.system()), jobs, "127.0.0.1", 0, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        jobs.close();
        node.close();
        System.out.printf(
                "NodeApiPathVariantsTest: %d requests checked (%d operations of node-api.yaml x (path + "
                        + "variants) x %d wrong credentials), by status: %s%n",
                CHECKED.get(), NodeApiContractTest.specified().size(), WRONG_CREDENTIALS.size(), BY_STATUS);
    }

    private static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.uri().getPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpRequest built = request.build();
        try {
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedBeforeAnswering) {
            // Jetty 12 closes the connection after refusing an ambiguous URI; the client may already have taken that
            // pooled connection for this request, which the server then never read: sent again on a fresh one
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        }
    }

    @TestFactory
    Stream<DynamicTest> noSpellingOfAnyRouteReachesAHandlerWithoutTheNodeToken() {
        return NodeApiContractTest.specified().stream()
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    List<PathVariants.Variant> paths = new ArrayList<>(
                            List.of(new PathVariants.Variant("as specified", NodeApiContractTest.example(op))));
                    paths.addAll(PathVariants.of(NodeApiContractTest.example(op)));
                    List<String> failures = new ArrayList<>();
                    for (PathVariants.Variant variant : paths) {
                        for (Map.Entry<String, String> credentials : WRONG_CREDENTIALS.entrySet()) {
                            long handlersBefore = HandlerCalls.count();
                            HttpResponse<String> response = send(op.method(), variant.path(), credentials.getValue());
                            long handlersRan = HandlerCalls.count() - handlersBefore;
                            int status = response.statusCode();
                            CHECKED.incrementAndGet();
                            synchronized (BY_STATUS) {
                                BY_STATUS
                                        .computeIfAbsent(status, s -> new AtomicLong())
                                        .incrementAndGet();
                            }
                            boolean refused = status == 401
                                            && response.body().contains("\"message\"")
                                            && response.headers()
                                                    .firstValue("WWW-Authenticate")
                                                    .isPresent()
                                    // Jetty's own refusal of an ambiguous URI, before any filter: JSON too
                                    || status == 400 && response.body().contains("\"message\"");
                            if (!refused || handlersRan != 0) {
                                failures.add(op.method() + " " + variant + " with " + credentials.getKey() + " -> "
                                        + status + (handlersRan != 0 ? " and a handler ran" : "") + ": "
                                        + response.body());
                            }
                        }
                    }
                    assertThat(failures)
                            .as("%s: requests not refused before any handler", op)
                            .isEmpty();
                }));
    }

    @Test
    void theHandlerCountSeesARequestThatIsLetIn() throws Exception {
        long before = HandlerCalls.count();

        HttpResponse<String> response = send("GET", "/v1/cassandra/status", "token=" + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HandlerCalls.count()).isEqualTo(before + 1);
    }
}

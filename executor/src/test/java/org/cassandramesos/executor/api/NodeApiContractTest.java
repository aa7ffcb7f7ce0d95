package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.apispec.testing.SpecOperations.difference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cassandramesos.apispec.testing.SpecOperations;
import org.cassandramesos.apispec.testing.SpecOperations.Operation;
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
 * api-spec/node-api.yaml (from the classpath, as packaged) against the node API, both ways: every route the API's
 * Jersey resources serve is specified and every specified route is served; over real HTTP, on a node whose Cassandra
 * was never started, every operation refuses a request without a token with the documented 401, and answers a
 * representative call only with a documented code and content type.
 */
class NodeApiContractTest {
    private static final String TOKEN = "contract-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonNode SPEC = NodeDocsResource.spec();

    /** These would start Cassandra (there is none here): their routing is proven by the resource model only. */
    private static final Set<String> STARTS_CASSANDRA = Set.of("POST /v1/cassandra/start", "POST /v1/cassandra/reset");
    /** Requests that exercise a route without starting Cassandra, where the spec's example would. */
    private static final Map<String, String> REQUEST_OVERRIDES = Map.of("POST /", "/?restart=maybe");

    @TempDir
    static java.nio.file.Path dir;

    private static CassandraNode node;
    private static CassandraVerbs lifecycle;
    private static NodeJobs jobs;
    private static NodeApiServer server;

    @BeforeAll
    static void start() throws Exception {
        node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        lifecycle = new CassandraVerbs(node, Duration.ofSeconds(5), ProcessCounters.system());
        jobs = new NodeJobs(node, NodeJobKinds.all());
        server = NodeApiServer.start(lifecycle, jobs, "127.0.0.1", 0, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        jobs.close();
        node.close();
    }

    static List<Operation> specified() {
        return SpecOperations.of(SPEC);
    }

    /** The path with its parameters filled from their examples. */
    static String example(Operation op) {
        return op.example(parameter -> parameter.path("example").asText("x"));
    }

    private static HttpResponse<String> send(String method, String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyServedRouteIsSpecifiedAndEverySpecifiedRouteIsServed() {
        Set<String> served = SpecOperations.servedRoutes(NodeApiServer.resources(lifecycle, jobs, TOKEN));
        Set<String> specified = SpecOperations.specifiedRoutes(SPEC);

        assertThat(served).as("routes the node API serves").contains("GET /", "PUT /v1/jobs/{}", "GET /docs");
        assertThat(difference(served, specified))
                .as("served but not in api-spec/node-api.yaml")
                .isEmpty();
        assertThat(difference(specified, served))
                .as("in api-spec/node-api.yaml but not served")
                .isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everySpecifiedOperationRefusesARequestWithoutTokenAsDocumented() {
        return specified().stream()
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    HttpResponse<String> response = send(op.method(), example(op), false);

                    assertThat(response.statusCode())
                            .as("%s without a token", op)
                            .isEqualTo(401);
                    assertThat(op.response(401).path("content").has("application/json"))
                            .as("%s documents a JSON 401", op)
                            .isTrue();
                    assertThat(new ObjectMapper()
                                    .readTree(response.body())
                                    .path("message")
                                    .asText())
                            .contains("Authorization");
                }));
    }

    @TestFactory
    Stream<DynamicTest> everySpecifiedOperationAnswersOnlyDocumentedCodesAndContent() {
        return specified().stream()
                .filter(op -> !STARTS_CASSANDRA.contains(op.toString()))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    HttpResponse<String> response =
                            send(op.method(), REQUEST_OVERRIDES.getOrDefault(op.toString(), example(op)), true);
                    JsonNode documented = op.response(response.statusCode());

                    assertThat(documented.isMissingNode())
                            .as("%s answered an undocumented %s: %s", op, response.statusCode(), response.body())
                            .isFalse();
                    Set<String> types = new HashSet<>();
                    documented.path("content").fieldNames().forEachRemaining(types::add);
                    if (!types.isEmpty()) {
                        String type = response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .replaceAll(";.*", "");
                        assertThat(types)
                                .as("%s %s content type", op, response.statusCode())
                                .containsAnyOf(type, "*/*");
                    }
                    String schema = documented.path("content").findPath("$ref").asText();
                    if (schema.endsWith("/Error")) {
                        assertThat(new ObjectMapper()
                                        .readTree(response.body())
                                        .path("message")
                                        .asText())
                                .as("%s error", op)
                                .isNotEmpty();
                    } else if (schema.endsWith("/XmlError")) {
                        assertThat(response.body())
                                .as("%s error", op)
                                .startsWith("<xml><error><![CDATA[")
                                .doesNotContain("CDATA[]]");
                    }
                }));
    }

    @Test
    void docsPageIsRenderedFromTheSpec() throws Exception {
        HttpResponse<String> response = send("GET", "/docs", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("<title>cassandra-mesos node API");
        SPEC.path("paths")
                .fieldNames()
                .forEachRemaining(path -> assertThat(response.body()).contains("<h2 class=\"p\" id=\"" + path + "\">"));
    }
}

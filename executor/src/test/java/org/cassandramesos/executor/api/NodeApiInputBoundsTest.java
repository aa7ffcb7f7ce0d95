package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node API's input bounds over real HTTP (Cassandra not started): body limit on every route, no Java in errors. */
class NodeApiInputBoundsTest {
    private static final String TOKEN = "node-token-bounds";
    private static final int LIMIT = 4096;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static CassandraNode node;
    private static NodeApiServer server;
    private static NodeJobs jobs;

    @BeforeAll
    static void start() throws Exception {
        node = new CassandraNode(
                TestSpecs.spec(List.of("127.0.0.1"), TestSpecs.fixedPorts(), Map.of()),
                "127.0.0.1",
                new NodeLayout(dir.resolve("home"), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = new NodeJobs(node, NodeJobKinds.all());
        server = NodeApiServer.start(
                new CassandraVerbs(node, Duration.ofSeconds(5), ProcessCounters.system()),
                jobs,
                "127.0.0.1",
                0,
                TOKEN,
                LIMIT);
    }

    @AfterAll
    static void stop() {
        server.close();
        jobs.close();
        node.close();
    }

    private static HttpResponse<String> send(
            String method, String path, String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "token=" + TOKEN)
                        .header("Content-Type", contentType)
                        .method(method, body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRouteRefusesABodyPastTheLimitDeclaredOrChunkedBeforeActing() throws Exception {
        byte[] big = new byte[LIMIT + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        for (String[] route : new String[][] {
            {"PUT", "/v1/jobs/j1", "application/json"},
            {"PUT", "/snapshot", "application/xml"},
            {"POST", "/", "application/x-www-form-urlencoded"},
            {"POST", "/v1/cassandra/stop", "application/json"}
        }) {
            HttpResponse<String> declared =
                    send(route[0], route[1], route[2], HttpRequest.BodyPublishers.ofByteArray(big));
            HttpResponse<String> chunked = send(
                    route[0],
                    route[1],
                    route[2],
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
            for (HttpResponse<String> answer : List.of(declared, chunked)) {
                assertThat(answer.statusCode()).as(String.join(" ", route)).isEqualTo(413);
                assertThat(JSON.readTree(answer.body()).path("message").asText())
                        .isEqualTo("the request body is larger than the 4 KiB allowed (MAX_REQUEST_BODY_KB)");
            }
        }
        assertThat(JSON.readTree(send("GET", "/v1/jobs", "application/json", HttpRequest.BodyPublishers.noBody())
                        .body()))
                .isEmpty();
    }

    @Test
    void jobBodiesOfTheWrongShapeAre400NamingTheFieldNotAClass() throws Exception {
        for (String body : List.of(
                "{\"kind\":5}",
                "{\"kind\":\"repair\",\"keyspaces\":{}}",
                "[1]",
                "\"x\"",
                "{\"kind\":\"backup\",\"backup\":5}",
                "{\"kind\":\"repair\",\"id\":{}}")) {
            HttpResponse<String> answer =
                    send("PUT", "/v1/jobs/j1", "application/json", HttpRequest.BodyPublishers.ofString(body));
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("message").asText())
                    .as(body)
                    .doesNotContainPattern("org\\.|com\\.|java\\.|\\$|Exception|`");
        }
    }

    @Test
    void anUnexpectedFailureAnswers500WithoutItsClassOrDetails() {
        Response answer = new ErrorMapper().toResponse(new IllegalStateException("internal detail /var/secret"));

        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(String.valueOf(answer.getEntity()))
                .doesNotContain("IllegalStateException")
                .doesNotContain("internal detail")
                .contains("the executor's log");
    }
}

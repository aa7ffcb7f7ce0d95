package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
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
import org.cassandramesos.protocol.Secrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node API over real HTTP, with Cassandra not started: auth, input validation, secrets. */
class NodeApiAuthAndValidationTest {
    private static final String TOKEN = "node-token-123";
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
                TestSpecs.spec(
                        List.of("127.0.0.1"),
                        TestSpecs.fixedPorts(),
                        Map.of("client_encryption_options", Map.of("keystore_password", "hunter2"))),
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
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpRequest.Builder authed(String path) {
        return request(path).header("Authorization", "token=" + TOKEN);
    }

    @Test
    void requestWithoutTokenIsRefusedWithJsonReason() throws Exception {
        HttpResponse<String> response = send(request("/"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("missing Authorization");
    }

    @Test
    void wrongTokenIsRefusedOnEveryRoute() throws Exception {
        for (String path : List.of("/", "/snapshot", "/docs", "/v1/cassandra/status", "/v1/cassandra/configuration")) {
            HttpResponse<String> response = send(request(path).header("Authorization", "Bearer nope"));

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).contains("invalid token").doesNotContain(TOKEN);
        }
    }

    @Test
    void bothTokenFormsAreAccepted() throws Exception {
        HttpResponse<String> tokenForm = send(authed("/"));
        HttpResponse<String> bearerForm = send(request("/").header("Authorization", "Bearer " + TOKEN));

        assertThat(tokenForm.statusCode()).isEqualTo(200);
        assertThat(tokenForm.body()).isEqualTo("<xml><status>Stopped</status><error><![CDATA[]]></error></xml>");
        assertThat(bearerForm.statusCode()).isEqualTo(200);
    }

    @Test
    void snapshotWithBadBodyIsABadRequestWithTheReason() throws Exception {
        HttpResponse<String> response = send(
                authed("/snapshot").PUT(HttpRequest.BodyPublishers.ofString("<xml><snapshot>yes</snapshot></xml>")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("expected True or False, got 'yes'");
    }

    @Test
    void restoreNeedsASafeSnapshotName() throws Exception {
        HttpResponse<String> missing = send(authed("/restore")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        HttpResponse<String> traversal = send(authed("/restore")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("snapshot-name=..%2F..%2Fetc")));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("snapshot-name is required");
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(traversal.body()).contains("may only contain");
    }

    @Test
    void restartMustBeTrueOrFalse() throws Exception {
        HttpResponse<String> response = send(authed("/")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("restart=maybe")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("restart: expected True or False");
    }

    @Test
    void snapshotOfAStoppedNodeIsAConflict() throws Exception {
        HttpResponse<String> response = send(
                authed("/snapshot").PUT(HttpRequest.BodyPublishers.ofString("<xml><snapshot>True</snapshot></xml>")));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("Cassandra is stopped");
    }

    @Test
    void docsPageDescribesEveryRoute() throws Exception {
        HttpResponse<String> response = send(authed("/docs"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body())
                .contains("/snapshot", "/restore", "restart=True|False", "snapshot-name", "/v1/cassandra/status");
    }

    @Test
    void configurationShowsTheRenderedYamlWithoutSecrets() throws Exception {
        HttpResponse<String> response = send(authed("/v1/cassandra/configuration"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.at("/cassandra_yaml/listen_address").asText()).isEqualTo("127.0.0.1");
        assertThat(config.at("/node_spec/node_name").asText()).isEqualTo("node-0");
        assertThat(response.body()).doesNotContain("hunter2").contains(Secrets.REDACTED);
    }

    @Test
    void statusSaysStoppedWithoutAskingJmx() throws Exception {
        HttpResponse<String> response = send(authed("/v1/cassandra/status"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.get("running").asBoolean()).isFalse();
        assertThat(status.has("cassandra")).isFalse();
    }

    @Test
    void listensOnTheNodeIpOnly() {
        URI otherAddress = URI.create("http://127.0.0.2:" + server.uri().getPort() + "/");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(HttpRequest.newBuilder(otherAddress)
                        .header("Authorization", "token=" + TOKEN)
                        .timeout(Duration.ofSeconds(5))))
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void unknownRouteIsNotFound() throws Exception {
        assertThat(send(authed("/no/such/route")).statusCode()).isEqualTo(404);
    }

    @Test
    void tokenIsReadFromBothHeaderForms() {
        assertThat(TokenAuthFilter.presentedToken("token=abc")).contains("abc");
        assertThat(TokenAuthFilter.presentedToken("Bearer abc")).contains("abc");
        assertThat(TokenAuthFilter.presentedToken("Basic abc")).isEmpty();
        assertThat(TokenAuthFilter.presentedToken("token=")).isEmpty();
        assertThat(TokenAuthFilter.presentedToken(null)).isEmpty();
    }

    private static HttpResponse<String> putJob(String id, String body) throws Exception {
        return send(authed("/v1/jobs/" + id)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String message(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body()).get("message").asText();
    }

    @Test
    void jobRequestsThatCannotRunAre400WithTheReasonAndStartNothing() throws Exception {
        HttpResponse<String> notJson = putJob("j1", "{not json");
        HttpResponse<String> unknownKind = putJob("j1", "{\"kind\":\"defrag\"}");
        HttpResponse<String> noKind = putJob("j1", "{}");
        HttpResponse<String> otherId = putJob("j1", "{\"id\":\"j2\",\"kind\":\"repair\"}");
        HttpResponse<String> badId = putJob("bad%20id", "{\"kind\":\"repair\"}");
        HttpResponse<String> backupWithoutTarget = putJob("j1", "{\"kind\":\"backup\"}");

        assertThat(List.of(notJson, unknownKind, noKind, otherId, badId, backupWithoutTarget))
                .extracting(HttpResponse::statusCode)
                .containsOnly(400);
        assertThat(message(notJson)).startsWith("the body is not JSON");
        assertThat(message(unknownKind)).contains("unknown job kind 'defrag'");
        assertThat(message(noKind)).startsWith("kind is required");
        assertThat(message(otherId)).isEqualTo("the body's id 'j2' differs from the path's 'j1'");
        assertThat(message(badId)).startsWith("job id may only contain");
        assertThat(message(backupWithoutTarget)).contains("backup needs a backup target");
        assertThat(JSON.readTree(send(authed("/v1/jobs")).body())).isEmpty();
    }

    @Test
    void unknownJobIsNotFoundForGetAndDelete() throws Exception {
        HttpResponse<String> get = send(authed("/v1/jobs/nope"));
        HttpResponse<String> delete = send(authed("/v1/jobs/nope").DELETE());

        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(message(get)).isEqualTo("no job 'nope' on this node");
    }

    @Test
    void aNodeNeverStartedIsStoppedAndStoppingItAgainChangesNothing() throws Exception {
        HttpResponse<String> stop = send(authed("/v1/cassandra/stop").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> shutdown =
                send(authed("/v1/cassandra/shutdown").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> info = send(authed("/v1/cassandra/info"));

        assertThat(stop.statusCode()).isEqualTo(204);
        assertThat(shutdown.statusCode()).isEqualTo(204);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body())
                .isEqualTo("{\"status\":\"stopped\",\"counters\":{},\"user\":\"" + System.getProperty("user.name")
                        + "\"}");
        assertThat(node.isRunning()).isFalse();
    }
}

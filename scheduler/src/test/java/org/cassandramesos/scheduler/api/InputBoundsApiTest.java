package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.backup.S3ProxyFixture;
import org.cassandramesos.scheduler.ops.NodeSettings;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduler API's input bounds over real HTTP (real ZooKeeper, S3Proxy): body limits, the upload spool budget,
 * names checked first, strings only for node settings with a total cap, and redacted configs.
 */
class InputBoundsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(0)
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(
            ZK,
            ConfigOverride.config("backup_location", () -> S3.location().toString()),
            ConfigOverride.config("backup_s3_access_key_id", () -> S3.keys().accessKey()),
            ConfigOverride.config("backup_s3_secret_access_key", () -> S3.keys().secretKey()),
            ConfigOverride.config("max_request_body_kb", "4"),
            ConfigOverride.config("backup_api.max_file_mb", "1"),
            ConfigOverride.config("backup_api.spool_budget_mb", "1"),
            ConfigOverride.config("backup_api.max_concurrent_uploads", "2"),
            ConfigOverride.config("service.cassandra.yaml.concurrent_reads", "32"),
            ConfigOverride.config("service.cassandra.yaml.server_encryption_options.keystore_password", "hunter2"),
            ConfigOverride.config("service.cassandra.yaml.server_encryption_options.keystore", "/k.jks"));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> call(String method, String path, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API.url() + path))
                .header("Authorization", "token=" + API.token)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> json(String method, String path, String body) throws Exception {
        return call(method, path, "application/json", HttpRequest.BodyPublishers.ofString(body));
    }

    static String message(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("message").asText();
    }

    @Test
    void aBodyPastTheLimitIs413WhetherDeclaredOrChunked() throws Exception {
        byte[] big =
                ("{\"nodes\":[\"*\"],\"key_spaces\":[\"" + "k".repeat(5000) + "\"]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared =
                call("PUT", "/v1/repair/start", "application/json", HttpRequest.BodyPublishers.ofByteArray(big));
        HttpResponse<String> chunked = call(
                "PUT",
                "/v1/repair/start",
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        HttpResponse<String> withinTheLimit =
                json("PUT", "/v1/repair/start", "{\"nodes\":[\"*\"],\"key_spaces\":[\"k\"]}");

        for (HttpResponse<String> answer : new HttpResponse[] {declared, chunked}) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(message(answer))
                    .isEqualTo("the request body is larger than the 4 KiB allowed (MAX_REQUEST_BODY_KB)");
        }
        assertThat(withinTheLimit.statusCode())
                .as(withinTheLimit.body())
                .isEqualTo(409); // deploy not complete: read and judged
    }

    @Test
    void anUploadThatDoesNotFitTheSpoolBudgetIs503WithRetryAfterAndFitsOnceTheOtherEnds() throws Exception {
        int size = 1024 * 1024; // declares the whole 1 MiB budget, then sends its first bytes only
        try (java.net.Socket first = new java.net.Socket("localhost", APP.getLocalPort())) {
            java.io.OutputStream out = first.getOutputStream();
            out.write(("PUT /v1/backups/spool/files/node-0/ks/t/nb-1-big-Data.db HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: token=" + API.token + "\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1000]);
            out.flush();

            // until the first upload has reached its route (a fresh file each try: earlier ones may be stored)
            java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> call(
                                    "PUT",
                                    "/v1/backups/spool/files/node-1/ks/t" + tries.incrementAndGet()
                                            + "/nb-1-big-Data.db",
                                    "application/octet-stream",
                                    HttpRequest.BodyPublishers.ofString("small " + tries.get())),
                            answer -> answer.statusCode() != 201);
            out.write(new byte[size - 1000]);
            out.flush();
            String firstDone = new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            HttpResponse<String> afterwards = call(
                    "PUT",
                    "/v1/backups/spool/files/node-2/ks/t/nb-1-big-Data.db",
                    "application/octet-stream",
                    HttpRequest.BodyPublishers.ofString("small"));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("10");
            assertThat(message(refused)).contains("spool budget (BACKUP_SPOOL_BUDGET_MB)");
            assertThat(firstDone).isEqualTo("HTTP/1.1 201");
            assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(201);
        }
    }

    @Test
    void anUploadPastTheFileLimitIs413NamingItsSetting() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        HttpResponse<String> chunked = call(
                "PUT",
                "/v1/backups/big/files/node-0/ks/t/nb-1-big-Data.db",
                "application/octet-stream",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(message(chunked)).contains("BACKUP_MAX_FILE_MB");
        assertThat(call("GET", "/v1/backups/big", null, HttpRequest.BodyPublishers.noBody())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void backupStartsRefuseBadNamesNonStringsAndLocationsWithCredentials() throws Exception {
        Map<String, String> bodies = Map.of(
                "{\"backup_name\":\"_status\"}",
                "start with a letter or digit",
                "{\"backup_name\":5}",
                "field 'backup_name' must be a string",
                "{\"backup_name\":\"b1\",\"colour\":\"red\"}",
                "unknown field 'colour'",
                "{\"backup_name\":\"b1\",\"external_location\":\"http://user:hunter2@host:9000/bucket\"}",
                "must not hold credentials");
        for (var body : bodies.entrySet()) {
            for (String op : new String[] {"backup", "restore"}) {
                HttpResponse<String> answer = json("PUT", "/v1/" + op + "/start", body.getKey());
                assertThat(answer.statusCode()).as(op + " " + body.getKey()).isEqualTo(400);
                assertThat(message(answer))
                        .as(body.getKey())
                        .contains(body.getValue())
                        .doesNotContain("hunter2")
                        .doesNotContain("$")
                        .doesNotContain("org.");
            }
        }
        assertThat(json("GET", "/v1/backup/status", "").body()).contains("\"state\":\"NONE\"");
    }

    @Test
    void nodeSettingsAreStringsOnlyAndCappedInTotal() throws Exception {
        TestNodes.launch(API.tasks(), "node-1", "127.0.0.1", 9042, 9, TaskState.TASK_RUNNING);
        for (String body : new String[] {"{\"tags\":5}", "{\"tags\":true}", "{\"tags\":null}", "{\"user:x\":{}}"}) {
            HttpResponse<String> answer = json("POST", "/v1/nodes/node-1/set", body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(message(answer)).as(body).contains("must be a string");
        }
        int stored = 0;
        HttpResponse<String> answer;
        int call = 0;
        do {
            StringBuilder body = new StringBuilder("{");
            for (int i = 0; i < 3; i++) {
                body.append(i == 0 ? "" : ",")
                        .append("\"user:c")
                        .append(call)
                        .append('k')
                        .append(i)
                        .append("\":\"")
                        .append("v".repeat(1000))
                        .append('"');
            }
            answer = json("POST", "/v1/nodes/node-1/set", body.append('}').toString());
            if (answer.statusCode() == 200) {
                stored = JSON.readTree(answer.body()).path("settings").size();
            }
            call++;
        } while (answer.statusCode() == 200 && call < 100);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(message(answer)).contains("allowed in total");
        assertThat(stored * 1008L).isLessThanOrEqualTo(NodeSettings.MAX_TOTAL_BYTES);
        assertThat(API.tasks().control("node-1").settings()).hasSize(stored); // the refused call stored nothing
    }

    @Test
    void storedConfigsAnswerWithSecretsRedactedLikeTheNodeApi() throws Exception {
        String id = API.get(ConfigStore.class).target().orElseThrow().id().toString();
        for (String path : new String[] {"/v1/config/target", "/v1/config/" + id}) {
            HttpResponse<String> answer = call("GET", path, null, HttpRequest.BodyPublishers.noBody());
            JsonNode yaml = JSON.readTree(answer.body()).path("cassandra").path("yaml");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).doesNotContain("hunter2");
            assertThat(yaml.path("server_encryption_options")
                            .path("keystore_password")
                            .asText())
                    .isEqualTo("<redacted>");
            assertThat(yaml.path("server_encryption_options").path("keystore").asText())
                    .isEqualTo("/k.jks");
            assertThat(yaml.path("concurrent_reads").asText()).isEqualTo("32");
        }
    }
}

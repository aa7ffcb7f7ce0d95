package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.backup.ExecutorStyleBackups;
import org.cassandramesos.scheduler.backup.S3ProxyFixture;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backups API over real HTTP against backups an executor would have written to a real S3Proxy: listing and
 * describing, seed 001 file semantics (ETag/304, X-Content-SHA1, PUT 201/302/409, DELETE and tombstones), deleting a
 * backup with its unshared blobs.
 */
class BackupsApiTest {
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
            ConfigOverride.config("backup_api.max_file_mb", "1"));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects: 302 stays visible
    static final List<HttpResponse<String>> ANSWERS = new ArrayList<>();
    static ExecutorStyleBackups executor;

    static final String SCHEMA =
            "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};";
    static final String DATA = "ks/t/nb-1-big-Data.db";
    static final String TOC = "ks/t/nb-1-big-TOC.txt";

    @BeforeAll
    static void writeBackupsAsTheExecutorWould() {
        executor = new ExecutorStyleBackups(S3);
        executor.writeNode(
                "nightly", "node-0", Map.of(DATA, "data of node-0", TOC, "Data.db\nTOC.txt\n"), SCHEMA, true);
        executor.writeNode(
                "nightly", "node-1", Map.of(DATA, "data of node-1", TOC, "Data.db\nTOC.txt\n"), SCHEMA, true);
        executor.writeNode("partial", "node-0", Map.of(DATA, "partial data"), SCHEMA, true);
        executor.writeNode("partial", "node-1", Map.of(), SCHEMA, false); // still uploading: no manifest yet
    }

    @AfterAll
    static void noAnswerEverCarriedAKey() {
        for (HttpResponse<String> answer : ANSWERS) {
            String everything = answer.headers().map() + answer.body();
            assertThat(everything)
                    .as("%s %s", answer.request().method(), answer.uri())
                    .doesNotContain(S3.keys().secretKey())
                    .doesNotContain(S3.keys().accessKey());
        }
        assertThat(ANSWERS).hasSizeGreaterThan(30);
    }

    static HttpResponse<String> call(String method, String path, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API.url() + path))
                .header("Authorization", "token=" + API.token)
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        ANSWERS.add(answer);
        return answer;
    }

    static HttpResponse<String> call(String method, String path, String... headers) throws Exception {
        return call(method, path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    static HttpResponse<String> put(String path, String content, String... headers) throws Exception {
        return call("PUT", path, HttpRequest.BodyPublishers.ofString(content), headers);
    }

    static JsonNode json(HttpResponse<String> answer) throws Exception {
        return TaskData.mapper().readTree(answer.body());
    }

    @Test
    void listsBackupsWithTheirNodesTotalsAndCompleteness() throws Exception {
        HttpResponse<String> answer = call("GET", "/v1/backups");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode list = json(answer);
        JsonNode nightly = find(list, "nightly");
        assertThat(nightly.path("nodes").toString()).isEqualTo("[\"node-0\",\"node-1\"]");
        assertThat(nightly.path("files").asInt()).isEqualTo(4);
        assertThat(nightly.path("bytes").asLong())
                .isEqualTo(2L * "data of node-0".length() + 2L * "Data.db\nTOC.txt\n".length());
        assertThat(nightly.path("complete").asBoolean()).isTrue();
        assertThat(nightly.path("created").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(nightly.path("completed").asText()).isEqualTo("2023-11-14T22:14:20Z");
        JsonNode partial = find(list, "partial");
        assertThat(partial.path("complete").asBoolean())
                .as("node-1 has no manifest yet")
                .isFalse();
        assertThat(partial.path("files").asInt()).isEqualTo(1);
    }

    @Test
    void describesEachNodesPart() throws Exception {
        HttpResponse<String> answer = call("GET", "/v1/backups/partial");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode nodes = json(answer).path("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).path("node").asText()).isEqualTo("node-0");
        assertThat(nodes.get(0).path("complete").asBoolean()).isTrue();
        assertThat(nodes.get(0).path("files").asInt()).isEqualTo(1);
        assertThat(nodes.get(0).path("bytes").asLong()).isEqualTo("partial data".length());
        assertThat(nodes.get(0).path("schema").asBoolean()).isTrue();
        assertThat(nodes.get(1).path("complete").asBoolean()).isFalse();
        assertThat(nodes.get(1).path("schema").asBoolean()).isTrue();
        assertThat(nodes.get(1).path("created").isNull()).isTrue();
    }

    @Test
    void headOfABackupAnswersLikeGetWithoutABody() throws Exception {
        HttpResponse<String> known = call("HEAD", "/v1/backups/nightly");
        HttpResponse<String> unknown = call("HEAD", "/v1/backups/no-such-backup");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void unknownBackupsAre404AndBadNamesOrPaths400() throws Exception {
        HttpResponse<String> unknown = call("GET", "/v1/backups/no-such-backup");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).isEqualTo("no backup no-such-backup");
        assertThat(call("DELETE", "/v1/backups/no-such-backup").statusCode()).isEqualTo(404);

        HttpResponse<String> badPath = call("GET", "/v1/backups/nightly/files/node-0/ks");
        assertThat(badPath.statusCode()).isEqualTo(400);
        assertThat(json(badPath).path("message").asText()).contains("<node>/<keyspace>/<table>/<file>");
        assertThat(put("/v1/backups/nightly/files/node-0/ks/t/a%20b", "x").statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/backups/bad%20name").statusCode()).isEqualTo(400);
    }

    @Test
    void statusIsNotABackupName() throws Exception {
        HttpResponse<String> answer = call("GET", "/v1/backups/_status");

        // served by its own resource where that is built in (200 with queues), else refused as a backup name
        if (answer.statusCode() == 200) {
            assertThat(json(answer).has("queues")).isTrue();
        } else {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(json(answer).path("message").asText()).contains("backup name '_status'");
        }
    }

    @Test
    void getStreamsAFileWithItsChecksumsAndCacheHeaders() throws Exception {
        HttpResponse<String> answer = call("GET", "/v1/backups/nightly/files/node-1/" + DATA);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("data of node-1");
        assertThat(answer.headers().firstValue("ETag"))
                .hasValue('"' + ExecutorStyleBackups.sha256("data of node-1") + '"');
        assertThat(answer.headers().firstValue("X-Content-SHA1")).hasValue(ExecutorStyleBackups.sha1("data of node-1"));
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, immutable");

        HttpResponse<String> toc = call("GET", "/v1/backups/nightly/files/node-1/" + TOC);
        assertThat(toc.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void theSchemaIsServedFromItsLayoutKey() throws Exception {
        HttpResponse<String> answer = call("GET", "/v1/backups/nightly/files/node-0/schema.cql");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(SCHEMA);
        assertThat(answer.headers().firstValue("ETag")).hasValue('"' + ExecutorStyleBackups.sha256(SCHEMA) + '"');
    }

    @Test
    void ifNoneMatchWithTheETagIs304AndHeadHasTheHeadersButNoBody() throws Exception {
        String path = "/v1/backups/nightly/files/node-0/" + DATA;
        String etag = call("GET", path).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> cached = call("GET", path, "If-None-Match", etag);
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        assertThat(cached.headers().firstValue("ETag")).hasValue(etag);
        assertThat(call("GET", path, "If-None-Match", "\"0000\"").statusCode()).isEqualTo(200);

        HttpResponse<String> head = call("HEAD", path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);
        assertThat(head.headers().firstValue("X-Content-SHA1")).hasValue(ExecutorStyleBackups.sha1("data of node-0"));
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf("data of node-0".length()));
        assertThat(call("HEAD", path, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void absentFilesAre404() throws Exception {
        assertThat(call("GET", "/v1/backups/nightly/files/node-0/ks/t/nb-9-big-Data.db")
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("HEAD", "/v1/backups/nightly/files/node-7/ks/t/nb-1-big-Data.db")
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/backups/no-such-backup/files/node-0/" + DATA)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void putStoresANewFileThen302ForTheSameContentAnd409ForOther() throws Exception {
        String path = "/v1/backups/uploads/files/node-0/ks/t/nb-2-big-Data.db";

        HttpResponse<String> created =
                put(path, "fresh sstable", "X-Content-SHA1", ExecutorStyleBackups.sha1("fresh sstable"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(API.url() + path);
        assertThat(json(created).path("sha256").asText()).isEqualTo(ExecutorStyleBackups.sha256("fresh sstable"));
        assertThat(executor.exists(executor.layout().blobKey(ExecutorStyleBackups.sha256("fresh sstable"))))
                .isTrue();
        assertThat(executor.manifest("uploads", "node-0").file("ks/t/nb-2-big-Data.db"))
                .isPresent();

        HttpResponse<String> back = call("GET", path);
        assertThat(back.body()).isEqualTo("fresh sstable");
        assertThat(back.headers().firstValue("X-Content-SHA1")).hasValue(ExecutorStyleBackups.sha1("fresh sstable"));

        HttpResponse<String> again = put(path, "fresh sstable");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValue(API.url() + path);

        HttpResponse<String> other = put(path, "other content");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).path("message").asText()).contains("immutable");
        assertThat(call("GET", path).body()).isEqualTo("fresh sstable");
        assertThat(json(call("GET", "/v1/backups/uploads")).path("files").asInt())
                .isEqualTo(1);
    }

    @Test
    void aSha1MismatchIs400AndStoresNothing() throws Exception {
        String path = "/v1/backups/mismatch/files/node-0/ks/t/nb-1-big-Data.db";

        HttpResponse<String> answer =
                put(path, "some bytes", "X-Content-SHA1", ExecutorStyleBackups.sha1("other bytes"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("message").asText())
                .contains("does not match")
                .contains("nothing was stored");
        assertThat(call("GET", path).statusCode()).isEqualTo(404);
        assertThat(executor.exists(executor.layout().blobKey(ExecutorStyleBackups.sha256("some bytes"))))
                .isFalse();
        assertThat(executor.exists(executor.layout().manifestKey("mismatch", "node-0")))
                .isFalse();
    }

    @Test
    void aFileLargerThanAllowedIs413() throws Exception {
        HttpResponse<String> answer =
                put("/v1/backups/big/files/node-0/ks/t/nb-1-big-Data.db", "x".repeat(1024 * 1024 + 1));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(json(answer).path("message").asText()).contains("BACKUP_MAX_FILE_MB");
    }

    @Test
    void aDeletedFileIsGoneAndCanNeverBePutAgain() throws Exception {
        String path = "/v1/backups/pruned/files/node-0/ks/t/nb-3-big-Data.db";
        assertThat(put(path, "to be deleted").statusCode()).isEqualTo(201);
        assertThat(put("/v1/backups/pruned/files/node-0/ks/t/nb-4-big-Data.db", "stays")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> deleted = call("DELETE", path);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).path("message").asText()).contains("deleted");

        assertThat(call("GET", path).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", path).statusCode()).isEqualTo(404);
        HttpResponse<String> putAgain = put(path, "to be deleted");
        assertThat(putAgain.statusCode()).isEqualTo(409);
        assertThat(json(putAgain).path("message").asText()).contains("was deleted");
        assertThat(executor.manifest("pruned", "node-0").deleted()).containsExactly("ks/t/nb-3-big-Data.db");
        assertThat(executor.exists(executor.layout().blobKey(ExecutorStyleBackups.sha256("to be deleted"))))
                .as("no other file had that content")
                .isFalse();
        assertThat(call("GET", "/v1/backups/pruned/files/node-0/ks/t/nb-4-big-Data.db")
                        .body())
                .isEqualTo("stays");
        assertThat(call("DELETE", "/v1/backups/pruned/files/node-0/ks/t/never-there")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void deletingABackupTombstonesItAndDeletesOnlyTheBlobsNoOtherBackupShares() throws Exception {
        executor.writeNode("doomed", "node-0", Map.of(DATA, "only in doomed", TOC, "shared toc"), SCHEMA, true);
        executor.writeNode("doomed", "node-1", Map.of(DATA, "also only in doomed"), null, true);
        executor.writeNode("survivor", "node-0", Map.of(TOC, "shared toc"), SCHEMA, true);
        BackupLayout layout = executor.layout();

        HttpResponse<String> answer = call("DELETE", "/v1/backups/doomed");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).path("message").asText()).isEqualTo("backup doomed deleted");
        assertThat(json(answer).at("/deletion/blobs_deleted").asInt()).isEqualTo(2);
        assertThat(json(answer).at("/deletion/blobs_kept").asInt()).isEqualTo(1);
        assertThat(executor.exists(layout.tombstoneKey("doomed"))).isTrue();
        assertThat(executor.exists(layout.manifestKey("doomed", "node-0"))).isFalse();
        assertThat(executor.exists(layout.manifestKey("doomed", "node-1"))).isFalse();
        assertThat(executor.exists(layout.schemaKey("doomed", "node-0"))).isFalse();
        assertThat(executor.exists(layout.blobKey(ExecutorStyleBackups.sha256("only in doomed"))))
                .isFalse();
        assertThat(executor.exists(layout.blobKey(ExecutorStyleBackups.sha256("also only in doomed"))))
                .isFalse();
        assertThat(executor.exists(layout.blobKey(ExecutorStyleBackups.sha256("shared toc"))))
                .isTrue();
        assertThat(call("GET", "/v1/backups/survivor/files/node-0/" + TOC).body())
                .isEqualTo("shared toc");

        assertThat(json(call("GET", "/v1/backups")).findValuesAsText("name"))
                .doesNotContain("doomed")
                .contains("survivor");
        assertThat(call("GET", "/v1/backups/doomed").statusCode()).isEqualTo(404);
        assertThat(call("GET", "/v1/backups/doomed/files/node-0/" + TOC).statusCode())
                .isEqualTo(404);
        assertThat(put("/v1/backups/doomed/files/node-0/" + DATA, "only in doomed")
                        .statusCode())
                .isEqualTo(409);
        assertThat(put("/v1/backups/doomed/files/node-2/ks/t/new", "new").statusCode())
                .isEqualTo(409);
        assertThat(call("DELETE", "/v1/backups/doomed").statusCode()).isEqualTo(404);
    }

    @Test
    void everyRouteNeedsTheToken() throws Exception {
        for (String path : List.of("/v1/backups", "/v1/backups/nightly", "/v1/backups/nightly/files/node-0/" + DATA)) {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(API.url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(URI.create(API.url() + "/v1/backups/x/files/node-0/schema.cql"))
                        .PUT(HttpRequest.BodyPublishers.ofString("x", StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(call("GET", "/v1/backups/x").statusCode()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no backup " + name + " in " + list);
    }
}

package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.backup.BackupSource;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.mesos.NodeJobKinds;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Seed 000's {@code POST /restore snapshot-name=NAME} with a name that is a backup, not a snapshot: one real Cassandra
 * node (256 MB heap) on 127.0.0.51, backed up to a real S3Proxy at the node's configured backup location, restored
 * from there over the node API after its table was emptied. The tests run in order on the same node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedRestoreFromBackupTest {
    private static final String IP = "127.0.0.51";
    private static final String TOKEN = "seed-restore-token";
    private static final String BUCKET = "backups";
    private static final int ROWS = 300;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static BackupLocation location;
    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static NodeJobs jobs;
    private static NodeApiServer api;
    private static NodeApiServer withoutLocation;
    private static final List<Long> pids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.startForTests(dir.resolve("s3"), "seed-restore-secret");
        location = BackupLocation.parse(s3.endpoint() + "/" + BUCKET + "/cluster-a");
        try (S3AsyncClient client = S3Clients.create(
                location, Optional.of(new BackupTarget.StaticKeys(s3.accessKey(), s3.secretKey())), 2)) {
            client.createBucket(b -> b.bucket(BUCKET)).join();
        }
        spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                exit -> {});
        jobs = new NodeJobs(node, NodeJobKinds.all());
        CassandraVerbs lifecycle = new CassandraVerbs(node, Duration.ofSeconds(60), ProcessCounters.system());
        Optional<BackupSource> backups = BackupSource.of(Map.of(
                "backup_location",
                location.toString(),
                "backup_s3_access_key",
                s3.accessKey(),
                "backup_s3_secret_key",
                s3.secretKey()));
        api = NodeApiServer.start(
                lifecycle,
                jobs,
                IP,
                spec.ports().nodeApi(),
                TOKEN,
                Optional.empty(),
                NodeApiServer.DEFAULT_MAX_REQUEST_BODY_BYTES,
                backups);
        withoutLocation = NodeApiServer.start(lifecycle, jobs, IP, 0, TOKEN);
        pids.add(node.start());
        // generous: the test machine may be busy; a ready node is usually there in well under a minute
        await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(500))
                .until(node::ready);
        try (CqlSession session = session()) {
            session.execute("CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, item text)");
            for (int i = 0; i < ROWS; i++) {
                session.execute("INSERT INTO shop.orders (id, item) VALUES (?, ?)", i, "item-" + i);
            }
        }
    }

    @AfterAll
    static void stop() {
        try {
            for (NodeApiServer server : new NodeApiServer[] {api, withoutLocation}) {
                if (server != null) {
                    server.close();
                }
            }
            if (jobs != null) {
                jobs.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
            if (s3 != null) {
                s3.close();
            }
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        }
        assertThat(s3 == null || !s3.isAlive()).isTrue();
    }

    /** A session with room for a schema change on a busy machine (the driver's 2 s default times out there). */
    private static CqlSession session() {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build();
    }

    private static long orders() {
        try (CqlSession session = session()) {
            return session.execute("SELECT count(*) FROM shop.orders").one().getLong(0);
        }
    }

    private static HttpResponse<String> http(URI base, String path, String method, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "token=" + TOKEN)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(90))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> restore(URI base, String name) throws Exception {
        return http(base, "/restore", "POST", "application/x-www-form-urlencoded", "snapshot-name=" + name);
    }

    private static JsonNode awaitJob(String id) throws Exception {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !TaskData.mapper()
                        .readTree(http(api.uri(), "/v1/jobs/" + id, "GET", "application/json", null)
                                .body())
                        .get("state")
                        .asText()
                        .equals("RUNNING"));
        return TaskData.mapper()
                .readTree(http(api.uri(), "/v1/jobs/" + id, "GET", "application/json", null)
                        .body());
    }

    @Test
    @Order(1)
    void restoreByBackupNameBringsBackTheRowsOfTheBackupWhenNoSnapshotHasThatName() throws Exception {
        String backup = "{\"kind\": \"backup\", \"backup\": {\"backup_name\": \"nightly\", \"external_location\": \""
                + location + "\", \"s3_access_key\": \"" + s3.accessKey() + "\", \"s3_secret_key\": \"" + s3.secretKey()
                + "\"}}";
        assertThat(http(api.uri(), "/v1/jobs/backup-nightly", "PUT", "application/json", backup)
                        .statusCode())
                .isEqualTo(202);
        assertThat(awaitJob("backup-nightly").get("state").asText()).isEqualTo("SUCCEEDED");
        try (CqlSession session = session()) {
            session.execute("TRUNCATE shop.orders");
        }
        assertThat(orders()).isZero();

        HttpResponse<String> started = restore(api.uri(), "nightly");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body())
                .contains("<restore>nightly</restore>", "<source>backup</source>", "<status>Started</status>");
        Matcher job = Pattern.compile("<job>([^<]+)</job>").matcher(started.body());
        assertThat(job.find()).isTrue();
        JsonNode finished = awaitJob(job.group(1));
        assertThat(finished.get("state").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        assertThat(finished.get("kind").asText()).isEqualTo("restore");
        assertThat(orders()).isEqualTo(ROWS);
    }

    @Test
    @Order(2)
    void aNameThatIsNeitherASnapshotNorABackupIs404AndStartsNoJob() throws Exception {
        int jobsBefore = jobs.list().size();

        HttpResponse<String> missing = restore(api.uri(), "no-such-backup");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body())
                .contains("no snapshot named 'no-such-backup'", "no backup 'no-such-backup' of node-0");
        assertThat(jobs.list()).hasSize(jobsBefore);
    }

    @Test
    @Order(3)
    void withoutAConfiguredLocationABackupNameIs404SayingSo() throws Exception {
        HttpResponse<String> missing = restore(withoutLocation.uri(), "nightly");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no backup location is configured");
    }

    @Test
    @Order(4)
    void aLocalSnapshotOfTheNameIsStillRestoredInPlace() throws Exception {
        try (CqlSession session = session()) {
            session.execute("INSERT INTO shop.orders (id, item) VALUES (?, ?)", ROWS, "after the backup");
        }
        node.withJmx(jmx -> {
            jmx.flush("shop", List.of());
            return null;
        });
        assertThat(http(api.uri(), "/snapshot", "PUT", "application/xml", "<xml><snapshot>True</snapshot></xml>")
                        .statusCode())
                .isEqualTo(200);
        String tag = node.lastSnapshot().orElseThrow();

        HttpResponse<String> restored = restore(api.uri(), tag);

        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(restored.body()).contains("<status>Restored</status>").doesNotContain("<source>backup</source>");
    }
}

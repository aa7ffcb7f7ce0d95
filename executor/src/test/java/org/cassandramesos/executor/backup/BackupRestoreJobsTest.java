package org.cassandramesos.executor.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.jobs.JobStoppedException;
import org.cassandramesos.executor.jobs.RecordingJobContext;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Backup and restore of one real Cassandra node (256 MB heap, on 127.0.0.12) to a real S3Proxy. The tests run in
 * order on the same node and store: back up, back up again (nothing new), restore after the keyspace is dropped, refuse
 * a corrupted blob and a deleted backup, and resume a stopped backup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreJobsTest {
    private static final String IP = "127.0.0.12";
    private static final String BUCKET = "backups";
    private static final int USERS = 12_000;
    private static final int EVENTS = 500;

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static S3AsyncClient client;
    private static BackupLocation location;
    private static BackupLayout layout;
    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static CqlSession session;
    private static final List<Long> pids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.startForTests(dir.resolve("s3"), "backup-test-secret");
        location = BackupLocation.parse(s3.endpoint() + "/" + BUCKET + "/cluster-a");
        layout = new BackupLayout(location);
        client =
                S3Clients.create(location, Optional.of(new BackupTarget.StaticKeys(s3.accessKey(), s3.secretKey())), 4);
        client.createBucket(b -> b.bucket(BUCKET)).join();

        spec = TestSpecs.securedSpec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                Optional.of(TestSpecs.ADMIN),
                exit -> {});
        pids.add(node.start());
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(node::ready);
        session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter(spec.datacenter())
                .withAuthCredentials(TestSpecs.ADMIN.user(), TestSpecs.ADMIN.password())
                // DROP KEYSPACE snapshots first (auto_snapshot): more than the default 2 s
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build();
        session.execute("CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE demo.users (id int PRIMARY KEY, name text, payload blob)");
        session.execute("CREATE TABLE demo.events (id int PRIMARY KEY, what text)");
        insertUsers(0, USERS);
        PreparedStatement event = session.prepare("INSERT INTO demo.events (id, what) VALUES (?, ?)");
        for (int i = 0; i < EVENTS; i++) {
            session.execute(event.bind(i, "event " + i));
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (session != null) {
                session.close();
            }
            if (client != null) {
                client.close();
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

    /** Rows with 1 KiB of random (incompressible) payload, so the users table has an SSTable big enough for multipart. */
    private static void insertUsers(int from, int to) throws Exception {
        PreparedStatement insert = session.prepare("INSERT INTO demo.users (id, name, payload) VALUES (?, ?, ?)");
        Random random = new Random(from);
        Semaphore inFlight = new Semaphore(64);
        List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            byte[] payload = new byte[1024];
            random.nextBytes(payload);
            inFlight.acquire();
            writes.add(session.executeAsync(insert.bind(i, "user " + i, ByteBuffer.wrap(payload)))
                    .whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletionStage<AsyncResultSet> write : writes) {
            write.toCompletableFuture().join();
        }
    }

    private static JobRequest request(JobKind kind, String backup) {
        return new JobRequest(
                kind.wireName() + "-" + backup,
                kind,
                List.of(),
                List.of(),
                new BackupTarget(backup, location.toString(), s3.accessKey(), s3.secretKey()));
    }

    private static RecordingJobContext context(JobRequest request) {
        return new RecordingJobContext(request, node);
    }

    private static BackupManifest manifest(String backup) throws IOException {
        byte[] json = client.getObject(
                        r -> r.bucket(BUCKET).key(layout.manifestKey(backup, spec.nodeName())),
                        AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
        return TaskData.mapper().readValue(json, BackupManifest.class);
    }

    private static byte[] object(String key) {
        return client.getObject(r -> r.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
    }

    private static boolean exists(String key) {
        return client.listObjectsV2(r -> r.bucket(BUCKET).prefix(key)).join().contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    private static long count(String table) {
        return session.execute("SELECT count(*) FROM demo." + table).one().getLong(0);
    }

    private static Path liveTableDir(String table) throws IOException {
        try (Stream<Path> dirs = Files.list(node.layout().dataDir().resolve("demo"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(table + "-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String timed(String what, long startNanos, JobProgress progress) {
        String line = String.format(
                "%s: %d files, %d bytes, %d uploaded/downloaded, %d skipped, %d ms",
                what,
                progress.filesTotal(),
                progress.bytesTotal(),
                progress.filesDone(),
                progress.filesSkipped(),
                (System.nanoTime() - startNanos) / 1_000_000);
        System.out.println("[measured] " + line);
        return line;
    }

    @Test
    @Order(1)
    void backupStoresEverySnapshotFileAsAVerifiedBlobWithSchemaAndManifest() throws Exception {
        RecordingJobContext context = context(request(JobKind.BACKUP, "first"));
        long start = System.nanoTime();

        String result = new BackupJob(context.request()).run(context);

        JobProgress progress = context.lastProgress();
        timed("backup first", start, progress);
        assertThat(result).contains("backed up " + progress.filesTotal() + " files");
        BackupManifest manifest = manifest("first");
        assertThat(manifest.backup()).isEqualTo("first");
        assertThat(manifest.node()).isEqualTo("node-0");
        assertThat(manifest.cassandraVersion()).startsWith("5.0");
        List<BackupManifest.File> tableFiles = manifest.files().stream()
                .filter(f -> !f.path().equals("schema.cql"))
                .toList();
        assertThat(tableFiles).hasSize((int) progress.filesTotal());
        assertThat(tableFiles)
                .extracting(BackupManifest.File::path)
                .anyMatch(p -> p.startsWith("demo/users/") && p.endsWith("-Data.db"))
                .anyMatch(p -> p.startsWith("demo/events/") && p.endsWith("-Data.db"))
                .allMatch(p -> p.startsWith("demo/"));
        assertThat(progress.filesDone() + progress.filesSkipped()).isEqualTo(progress.filesTotal());
        assertThat(progress.filesDone()).isPositive();
        assertThat(progress.bytesDone())
                .isEqualTo(progress.bytesTotal())
                .isEqualTo(manifest.totalBytes()
                        - manifest.file("schema.cql").orElseThrow().size());
        assertThat(progress.bytesTotal()).isGreaterThan(USERS * 1024L); // the payload is incompressible
        for (BackupManifest.File file : manifest.files()) {
            byte[] blob = object(layout.blobKey(file.sha256()));
            assertThat(FileDigest.of(blob))
                    .as(file.path())
                    .isEqualTo(new FileDigest(file.size(), file.sha256(), file.sha1()));
        }
        // The manifest describes the node's real SSTables: same names and content as the live files.
        for (BackupManifest.File file : tableFiles) {
            String[] parts = file.path().split("/");
            Path live = liveTableDir(parts[1]).resolve(parts[2]);
            if (Files.exists(live)) {
                assertThat(FileDigest.of(live).sha256()).as(file.path()).isEqualTo(file.sha256());
            }
        }
        String schema = new String(object(layout.schemaKey("first", "node-0")), StandardCharsets.UTF_8);
        assertThat(schema)
                .contains(
                        "CREATE KEYSPACE IF NOT EXISTS demo",
                        "CREATE TABLE IF NOT EXISTS demo.users",
                        "CREATE TABLE IF NOT EXISTS demo.events");
        assertThat(node.snapshots().withTag(BackupJob.snapshotTag("first")))
                .as("snapshot cleared")
                .isEmpty();
    }

    @Test
    @Order(2)
    void secondBackupOfUnchangedDataUploadsNothing() throws Exception {
        RecordingJobContext context = context(request(JobKind.BACKUP, "second"));
        long start = System.nanoTime();

        new BackupJob(context.request()).run(context);

        JobProgress progress = context.lastProgress();
        timed("backup second (incremental)", start, progress);
        assertThat(progress.filesTotal()).isPositive();
        assertThat(progress.filesDone()).isZero();
        assertThat(progress.filesSkipped()).isEqualTo(progress.filesTotal());
        assertThat(manifest("second").files())
                .extracting(BackupManifest.File::sha256)
                .containsExactlyInAnyOrderElementsOf(manifest("first").files().stream()
                        .map(BackupManifest.File::sha256)
                        .toList());
    }

    @Test
    @Order(3)
    void backupAgainUnderACompleteNameChangesNothing() throws Exception {
        byte[] before = object(layout.manifestKey("first", "node-0"));
        RecordingJobContext context = context(request(JobKind.BACKUP, "first"));

        String result = new BackupJob(context.request()).run(context);

        assertThat(result).isEqualTo("backup first of node-0 is already complete");
        assertThat(object(layout.manifestKey("first", "node-0"))).isEqualTo(before);
    }

    @Test
    @Order(4)
    void restoreRecreatesADroppedKeyspaceFromSchemaAndBringsTheRowsBack() throws Exception {
        session.execute("DROP KEYSPACE demo");
        RecordingJobContext context = context(request(JobKind.RESTORE, "first"));
        long start = System.nanoTime();

        String result = new RestoreJob(context.request()).run(context);

        JobProgress progress = context.lastProgress();
        timed("restore first", start, progress);
        assertThat(result).contains("into 2 tables: demo.events, demo.users");
        assertThat(count("users")).isEqualTo(USERS);
        assertThat(count("events")).isEqualTo(EVENTS);
        assertThat(session.execute("SELECT name FROM demo.users WHERE id = 4242")
                        .one()
                        .getString(0))
                .isEqualTo("user 4242");
        assertThat(progress.filesDone()).isEqualTo(progress.filesTotal()).isPositive();
        assertThat(progress.bytesDone()).isEqualTo(progress.bytesTotal());
        assertThat(RestoreJob.stagingDir(node, "first")).doesNotExist();
    }

    @Test
    @Order(5)
    void restoreRefusesACorruptedBlobNamingTheFileAndImportsNothingOfItsTable() throws Exception {
        BackupManifest.File data = manifest("first").files().stream()
                .filter(f -> f.path().startsWith("demo/users/") && f.path().endsWith("-Data.db"))
                .findFirst()
                .orElseThrow();
        String key = layout.blobKey(data.sha256());
        byte[] original = object(key);
        byte[] corrupted = original.clone();
        corrupted[corrupted.length / 2] ^= 0x5a;
        client.putObject(r -> r.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(corrupted))
                .join();
        session.execute("TRUNCATE demo.users");
        RecordingJobContext context = context(request(JobKind.RESTORE, "first"));
        try {
            assertThatThrownBy(() -> new RestoreJob(context.request()).run(context))
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessage("checksum mismatch for " + data.path() + ": expected sha256 " + data.sha256() + ", got "
                            + FileDigest.of(corrupted).sha256());
            assertThat(count("users")).isZero();
            assertThat(RestoreJob.stagingDir(node, "first")).doesNotExist();
        } finally {
            client.putObject(r -> r.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(original))
                    .join();
        }
    }

    @Test
    @Order(5)
    void restoreRunsOnlyCreateIfNotExistsOfItsKeyspacesFromATamperedSchema() throws Exception {
        String key = layout.schemaKey("first", "node-0");
        byte[] original = object(key);
        String tampered = new String(original, StandardCharsets.UTF_8) + """
                CREATE ROLE evil WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = 'evil';
                ALTER ROLE cassandra WITH SUPERUSER = true AND LOGIN = true;
                DROP TABLE demo.events;
                CREATE TABLE IF NOT EXISTS system_auth.planted (id int PRIMARY KEY);
                CREATE KEYSPACE IF NOT EXISTS planted WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
                """;
        client.putObject(r -> r.bucket(BUCKET).key(key), AsyncRequestBody.fromString(tampered))
                .join();
        JobRequest demoOnly = new JobRequest(
                "restore-demo-only",
                JobKind.RESTORE,
                List.of("demo"),
                List.of(),
                new BackupTarget("first", location.toString(), s3.accessKey(), s3.secretKey()));
        RecordingJobContext context = context(demoOnly);
        try {
            new RestoreJob(demoOnly).run(context);

            assertThat(session.execute("SELECT role FROM system_auth.roles WHERE role = 'evil'")
                            .one())
                    .isNull();
            assertThat(session.execute("SELECT can_login FROM system_auth.roles WHERE role = 'cassandra'")
                            .one()
                            .getBoolean(0))
                    .isFalse();
            assertThat(count("events")).isEqualTo(EVENTS);
            assertThat(session.getMetadata().getKeyspace("planted")).isEmpty();
            assertThat(session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'system_auth'"
                                    + " AND table_name = 'planted'")
                            .one())
                    .isNull();
            assertThat(context.messages())
                    .anyMatch(m -> m.contains("skipped")
                            && m.contains("CREATE ROLE")
                            && m.contains("ALTER ROLE")
                            && m.contains("DROP TABLE")
                            && m.contains("keyspace system_auth")
                            && m.contains("keyspace planted"));
        } finally {
            client.putObject(r -> r.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(original))
                    .join();
        }
    }

    @Test
    @Order(5)
    void restoreRefusesAnOversizedSchemaNamingIt() {
        String key = layout.schemaKey("first", "node-0");
        byte[] original = object(key);
        client.putObject(
                        r -> r.bucket(BUCKET).key(key),
                        AsyncRequestBody.fromBytes(new byte[RestoreJob.MAX_SCHEMA_BYTES + 1]))
                .join();
        RecordingJobContext context = context(request(JobKind.RESTORE, "first"));
        try {
            assertThatThrownBy(() -> new RestoreJob(context.request()).run(context))
                    .hasMessageContaining("schema.cql of node-0")
                    .hasMessageContaining("larger than the 4 MiB");
        } finally {
            client.putObject(r -> r.bucket(BUCKET).key(key), AsyncRequestBody.fromBytes(original))
                    .join();
        }
    }

    @Test
    @Order(6)
    void deletedBackupIsRefusedForBackupAndRestore() {
        client.putObject(
                        r -> r.bucket(BUCKET).key(layout.tombstoneKey("second")),
                        AsyncRequestBody.fromString("{\"deleted_ms\":1}"))
                .join();
        RecordingJobContext backup = context(request(JobKind.BACKUP, "second"));
        RecordingJobContext restore = context(request(JobKind.RESTORE, "second"));

        assertThatThrownBy(() -> new BackupJob(backup.request()).run(backup)).hasMessage("backup second was deleted");
        assertThatThrownBy(() -> new RestoreJob(restore.request()).run(restore))
                .hasMessage("backup second was deleted");
    }

    @Test
    @Order(7)
    void restoreOfABackupWithoutThisNodesManifestFailsClearly() {
        RecordingJobContext context = context(request(JobKind.RESTORE, "never-taken"));

        assertThatThrownBy(() -> new RestoreJob(context.request()).run(context))
                .hasMessage("backup never-taken has no manifest for node-0");
    }

    @Test
    @Order(8)
    void stoppedBackupLeavesNoManifestAndResumesWithoutUploadingAgain() throws Exception {
        insertUsers(USERS, USERS + 3_000); // new SSTables the store does not hold yet
        RecordingJobContext stopped = context(request(JobKind.BACKUP, "third")).stopWhen(p -> p.filesDone() >= 1);

        assertThatThrownBy(() -> new BackupJob(stopped.request()).run(stopped)).isInstanceOf(JobStoppedException.class);

        JobProgress first = stopped.lastProgress();
        assertThat(first.filesDone()).isPositive();
        assertThat(first.filesDone() + first.filesSkipped()).isLessThan(first.filesTotal());
        assertThat(exists(layout.manifestKey("third", "node-0"))).isFalse();
        assertThat(node.snapshots().withTag(BackupJob.snapshotTag("third"))).isEmpty();

        RecordingJobContext resumed = context(request(JobKind.BACKUP, "third"));
        long start = System.nanoTime();
        new BackupJob(resumed.request()).run(resumed);

        JobProgress second = resumed.lastProgress();
        timed("backup third (resumed after stop)", start, second);
        assertThat(second.filesTotal()).isEqualTo(first.filesTotal());
        assertThat(second.filesSkipped()).isGreaterThanOrEqualTo(first.filesDone() + first.filesSkipped());
        assertThat(second.filesDone())
                .isEqualTo(second.filesTotal() - second.filesSkipped())
                .isPositive();
        assertThat(exists(layout.manifestKey("third", "node-0"))).isTrue();
    }

    @Test
    @Order(9)
    void backupToAMissingBucketFailsBeforeTakingASnapshot() {
        String elsewhere = s3.endpoint() + "/no-such-bucket/cluster-a";
        JobRequest request = new JobRequest(
                "backup-x",
                JobKind.BACKUP,
                List.of(),
                List.of(),
                new BackupTarget("x", elsewhere, s3.accessKey(), s3.secretKey()));
        RecordingJobContext context = context(request);

        assertThatThrownBy(() -> new BackupJob(request).run(context))
                .hasMessage("bucket 'no-such-bucket' does not exist at " + elsewhere);
        assertThat(node.snapshots().withTag(BackupJob.snapshotTag("x"))).isEmpty();
    }
}

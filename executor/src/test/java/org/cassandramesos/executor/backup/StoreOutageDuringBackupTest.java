package org.cassandramesos.executor.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.executor.jobs.RecordingJobContext;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store goes away in the middle of a backup upload: a real S3Proxy is killed (SIGKILL) while multipart uploads of
 * the node's files are under way, and later started again on the same data directory and port. Drives the upload
 * path of {@link BackupJob} ({@link NodeBackupPart}, {@link BlobStore}, the production S3 client) with plain
 * SSTable-sized files, so no Cassandra is needed.
 */
class StoreOutageDuringBackupTest {
    private static final String BUCKET = "backups";
    private static final String BACKUP = "outage";
    private static final String NODE = "node-0";
    // enough that four parallel uploads (NodeBackupPart.PARALLEL_UPLOADS) still run well after the first blobs are
    // whole
    private static final int LARGE_FILES = 16;
    private static final int LARGE_FILE_BYTES = 24 * 1024 * 1024; // 3 parts of 8 MiB each
    /** Hang detector: well above the retries' worst case (S3Clients.MAX_ATTEMPTS with backoff, then the abort's). */
    private static final Duration FAILURE_BOUND = Duration.ofMinutes(2);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** jclouds' filesystem store writes {@code <name>-<uuid>} and renames it to {@code <name>} once complete. */
    private static final Pattern S3PROXY_TEMPORARY_FILE =
            Pattern.compile(".*/_blobs/[0-9a-f]{64}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path dir;

    private S3ProxyServer s3;

    @AfterEach
    void stopS3Proxy() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void backupFailsClearlyWhenTheStoreDiesMidUploadAndResumesWithOnlyTheMissingBlobsOnceItIsBack() throws Exception {
        s3 = S3ProxyServer.startForTests(dir.resolve("s3"), "outage-test-secret");
        BackupLocation location = BackupLocation.parse(s3.endpoint() + "/" + BUCKET + "/cluster-a");
        BackupLayout layout = new BackupLayout(location);
        try (S3AsyncClient client = client(location)) {
            client.createBucket(b -> b.bucket(BUCKET)).join();
        }
        List<BackupJob.SnapshotFile> files = sstableLikeFiles(dir.resolve("snapshot"));
        List<String> blobKeys = new ArrayList<>();
        for (BackupJob.SnapshotFile file : files) {
            blobKeys.add(layout.blobKey(FileDigest.of(file.path()).sha256()));
        }
        JobRequest request = new JobRequest(
                "backup-" + BACKUP,
                JobKind.BACKUP,
                List.of(),
                List.of(),
                new BackupTarget(BACKUP, location.toString(), s3.accessKey(), s3.secretKey()));

        // 1. The store is killed once two blobs are complete and another file's multipart upload has parts stored.
        RecordingJobContext first = new RecordingJobContext(request, null);
        CompletableFuture<List<BackupManifest.File>> interrupted =
                CompletableFuture.supplyAsync(() -> backUp(first, files));
        try (S3AsyncClient observer = client(location)) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .failFast(
                            "the backup ended before the store could be stopped in the middle of it",
                            interrupted::isDone)
                    .until(() -> blobs(observer, layout).size() >= 2 && uploadWithPartsOpen(observer, location));
        }
        s3.kill();
        long killedAt = System.nanoTime();

        Throwable failure = failureWithin(interrupted, FAILURE_BOUND);
        long msToFail = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        JobProgress atFailure = first.lastProgress();
        System.out.printf(
                "[measured] store killed mid-upload: backup failed %d ms later, %d of %d files stored: %s%n",
                msToFail,
                atFailure.filesDone() + atFailure.filesSkipped(),
                atFailure.filesTotal(),
                failure.getMessage());
        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(failure.getMessage())
                .startsWith("backup " + BACKUP + " of " + NODE + " failed after ")
                .contains(" of " + files.size() + " files were stored: backing up ks/tbl/")
                .contains("at " + location + " failed: ") // which store, which request
                .contains(
                        "start backup " + BACKUP + " again (same name) to resume: only the missing files are uploaded");
        assertThat(atFailure.filesDone() + atFailure.filesSkipped()).isLessThan(files.size());

        // 2. The same store comes back: only whole, correct blobs and no manifest; then the backup is resumed.
        s3 = s3.startAgain(Duration.ofSeconds(60));
        try (S3AsyncClient client = client(location)) {
            Map<String, S3Object> storedBeforeResume = blobs(client, layout);
            assertThat(storedBeforeResume).isNotEmpty();
            assertEveryBlobMatchesItsName(client, layout, storedBeforeResume.keySet());
            Map<String, S3Object> others = new TreeMap<>(objectsUnder(client, location));
            others.keySet().removeAll(storedBeforeResume.keySet());
            // No manifest, no schema; only S3Proxy's own temporary files of a write the kill cut, which no backup
            // ever reads (a blob's name is its sha256; real S3 shows an object only once it is complete).
            assertThat(others.keySet())
                    .allMatch(key -> S3PROXY_TEMPORARY_FILE.matcher(key).matches());
            System.out.printf(
                    "[measured] after the outage: %d complete blobs, %d temporary files of S3Proxy%n",
                    storedBeforeResume.size(), others.size());
            List<MultipartUpload> leftByOutage = openUploads(client, blobKeys);
            RecordingJobContext resumed = new RecordingJobContext(request, null);
            List<BackupManifest.File> stored = backUp(resumed, files);

            JobProgress progress = resumed.lastProgress();
            System.out.printf(
                    "[measured] resumed: %d files uploaded, %d skipped (stored before the outage);"
                            + " %d multipart upload(s) were left open by the outage%n",
                    progress.filesDone(), progress.filesSkipped(), leftByOutage.size());
            assertThat(progress.filesSkipped()).isEqualTo(storedBeforeResume.size());
            assertThat(progress.filesDone())
                    .as("files the outage left unstored")
                    .isPositive();
            assertThat(progress.filesDone()).isEqualTo(files.size() - storedBeforeResume.size());
            assertThat(stored).hasSize(files.size());
            assertOnlyUnabortableUploadsOfTheOutageRemain(client, blobKeys, leftByOutage);
            BackupManifest manifest =
                    TaskData.mapper().readValue(object(client, layout.manifestKey(BACKUP, NODE)), BackupManifest.class);
            assertThat(manifest.files()).hasSize(files.size() + 1); // and schema.cql
            for (BackupJob.SnapshotFile file : files) {
                String sha256 = FileDigest.of(file.path()).sha256();
                assertThat(manifest.files()).anySatisfy(entry -> {
                    assertThat(entry.path()).isEqualTo(file.pathInNode());
                    assertThat(entry.sha256()).isEqualTo(sha256);
                });
            }
            Map<String, S3Object> storedAfterResume = blobs(client, layout);
            assertThat(storedAfterResume).hasSize(files.size() + 1);
            assertEveryBlobMatchesItsName(client, layout, storedAfterResume.keySet());
            // the blobs stored before the outage were not written again
            storedBeforeResume.forEach((key, before) ->
                    assertThat(storedAfterResume.get(key).lastModified()).isEqualTo(before.lastModified()));
        }
    }

    /** What {@link BackupJob} does once it has the snapshot's files: blobs, then schema and manifest. */
    private static List<BackupManifest.File> backUp(RecordingJobContext context, List<BackupJob.SnapshotFile> files) {
        try (BlobStore store = BlobStore.open(context.request().backup(), NodeBackupPart.PARALLEL_UPLOADS * 2)) {
            NodeBackupPart part = new NodeBackupPart(store, BACKUP, NODE);
            TransferProgress progress = new TransferProgress(
                    context,
                    files.size(),
                    files.stream().mapToLong(BackupJob.SnapshotFile::size).sum());
            List<BackupManifest.File> stored = part.uploadBlobs(context, files, progress);
            part.complete(
                    stored,
                    "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy'};\n",
                    "5.0.6",
                    System.currentTimeMillis());
            return stored;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /**
     * Incompressible files: a small one (a single PUT) and a 10 MiB one (two parts), which are done first, so two blobs
     * are complete while the large ones are still being uploaded; then the large ones.
     */
    private static List<BackupJob.SnapshotFile> sstableLikeFiles(Path snapshot) throws IOException {
        Files.createDirectories(snapshot);
        Random random = new Random(12);
        List<BackupJob.SnapshotFile> files = new ArrayList<>();
        for (int i = 0; i < 2 + LARGE_FILES; i++) {
            byte[] content = new byte[i == 0 ? 64 * 1024 : i == 1 ? 10 * 1024 * 1024 : LARGE_FILE_BYTES];
            random.nextBytes(content);
            Path file = Files.write(snapshot.resolve("nb-" + (i + 1) + "-big-Data.db"), content);
            files.add(new BackupJob.SnapshotFile("ks", "tbl", file, content.length));
        }
        return files;
    }

    private static Throwable failureWithin(CompletableFuture<?> job, Duration bound) throws Exception {
        try {
            job.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                    ? cause.getCause()
                    : cause;
        }
        throw new AssertionError("the backup succeeded although its store was killed in the middle of it");
    }

    private S3AsyncClient client(BackupLocation location) {
        return S3Clients.create(location, Optional.of(new BackupTarget.StaticKeys(s3.accessKey(), s3.secretKey())), 4);
    }

    private static Map<String, S3Object> objectsUnder(S3AsyncClient client, BackupLocation location) {
        Map<String, S3Object> objects = new TreeMap<>();
        client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(location.prefix() + "/"))
                .contents()
                .subscribe(o -> {
                    if (!o.key().endsWith("/")) { // S3Proxy's filesystem store lists its directories too
                        objects.put(o.key(), o);
                    }
                })
                .join();
        return objects;
    }

    /** Objects under {@code _blobs/} named by a sha256: what a manifest can reference and a restore reads. */
    private static Map<String, S3Object> blobs(S3AsyncClient client, BackupLayout layout) {
        String prefix = layout.location().key(BackupLayout.BLOBS) + "/";
        Map<String, S3Object> blobs = new TreeMap<>();
        objectsUnder(client, layout.location()).forEach((key, o) -> {
            if (key.startsWith(prefix)
                    && SHA256.matcher(key.substring(prefix.length())).matches()) {
                blobs.put(key, o);
            }
        });
        return blobs;
    }

    private static List<MultipartUpload> openUploads(S3AsyncClient client, BackupLocation location) {
        return client.listMultipartUploads(r -> r.bucket(BUCKET).prefix(location.prefix() + "/"))
                .join()
                .uploads();
    }

    /** Listed key by key, as {@link BlobStore} does: S3Proxy's filesystem store may leave some out of a wider listing. */
    private static List<MultipartUpload> openUploads(S3AsyncClient client, List<String> keys) {
        List<MultipartUpload> open = new ArrayList<>();
        for (String key : keys) {
            client.listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).join().uploads().stream()
                    .filter(upload -> upload.key().equals(key))
                    .forEach(open::add);
        }
        return open;
    }

    /**
     * The resumed backup aborted every upload the outage left open, and left none of its own, except uploads the
     * store refuses to abort: after a kill, S3Proxy's filesystem store answers 400 to aborting an upload with a part
     * whose write was cut (it cannot parse the temporary file's name), or 404 to one it still lists. Such a one must
     * still be refused now.
     */
    private static void assertOnlyUnabortableUploadsOfTheOutageRemain(
            S3AsyncClient client, List<String> keys, List<MultipartUpload> leftByOutage) {
        List<MultipartUpload> remaining = openUploads(client, keys);
        System.out.printf("[measured] multipart uploads open after the resume: %d%n", remaining.size());
        assertThat(remaining).allSatisfy(upload -> {
            assertThat(leftByOutage).extracting(MultipartUpload::uploadId).contains(upload.uploadId());
            assertThat(client.abortMultipartUpload(
                            r -> r.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId())))
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(S3Exception.class);
        });
    }

    /** A multipart upload of the backup with at least one part stored: the store is in the middle of a blob. */
    private static boolean uploadWithPartsOpen(S3AsyncClient client, BackupLocation location) {
        for (MultipartUpload upload : openUploads(client, location)) {
            try {
                if (!client.listParts(r -> r.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId()))
                        .join()
                        .parts()
                        .isEmpty()) {
                    return true;
                }
            } catch (java.util.concurrent.CompletionException completedMeanwhile) {
                // S3Proxy answers 400 for an upload completed since it was listed
            }
        }
        return false;
    }

    /** Every blob's content hashes to the sha256 its name says: nothing half-written or mixed up. */
    private static void assertEveryBlobMatchesItsName(
            S3AsyncClient client, BackupLayout layout, Iterable<String> keys) {
        for (String key : keys) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            assertThat(layout.blobKey(name)).isEqualTo(key);
            assertThat(FileDigest.of(object(client, key)).sha256())
                    .as("content of %s", key)
                    .isEqualTo(name);
        }
    }

    private static byte[] object(S3AsyncClient client, String key) {
        return client.getObject(r -> r.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
    }
}

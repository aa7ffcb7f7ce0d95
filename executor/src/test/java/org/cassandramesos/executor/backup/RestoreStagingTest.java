package org.cassandramesos.executor.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.executor.jobs.RecordingJobContext;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore's download against a real S3Proxy, without Cassandra: each blob streams into its staged file and is
 * verified against the manifest's sha256 on the way (a multipart-sized one and a small one), and a blob whose content
 * does not match its manifest entry fails the staging naming the file.
 */
class RestoreStagingTest {
    private static final String BUCKET = "backups";

    @TempDir
    Path dir;

    private S3ProxyServer s3;
    private BlobStore store;
    private RecordingJobContext context;

    @BeforeEach
    void start() throws Exception {
        s3 = S3ProxyServer.startForTests(dir.resolve("s3"), "staging-test-secret");
        BackupTarget target = new BackupTarget(
                "b1",
                BackupLocation.parse(s3.endpoint() + "/" + BUCKET + "/c").toString(),
                s3.accessKey(),
                s3.secretKey());
        try (var client = S3Clients.create(
                BackupLocation.parse(target.location()),
                Optional.of(new BackupTarget.StaticKeys(s3.accessKey(), s3.secretKey())),
                2)) {
            client.createBucket(b -> b.bucket(BUCKET)).join();
        }
        store = BlobStore.open(target, 8);
        context = new RecordingJobContext(
                new JobRequest("restore-b1", JobKind.RESTORE, List.of(), List.of(), target), null);
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void everyBlobIsWrittenToItsFileAndVerifiedWhileItStreams() throws Exception {
        byte[] large = random(9 * 1024 * 1024 + 17, 1);
        byte[] small = random(3000, 2);
        List<RestoreJob.Staged> files = List.of(stored("nb-1-big-Data.db", large), stored("nb-1-big-TOC.txt", small));
        Path staging = Files.createDirectories(dir.resolve("staging/ks/tbl"));

        RestoreJob.stage(context, store, staging, files, new TransferProgress(context, 2, large.length + small.length));

        assertThat(Files.readAllBytes(staging.resolve("nb-1-big-Data.db"))).isEqualTo(large);
        assertThat(Files.readAllBytes(staging.resolve("nb-1-big-TOC.txt"))).isEqualTo(small);
        assertThat(context.lastProgress().bytesDone()).isEqualTo(large.length + small.length);
    }

    @Test
    void aBlobWhoseContentIsNotItsManifestSha256FailsNamingTheFile() throws Exception {
        byte[] expected = random(200_000, 3);
        byte[] planted = random(200_000, 4);
        FileDigest digest = FileDigest.of(expected);
        store.put(store.layout().blobKey(digest.sha256()), planted);
        RestoreJob.Staged file = staged("nb-2-big-Data.db", digest);
        Path staging = Files.createDirectories(dir.resolve("staging/ks/tbl"));

        assertThatThrownBy(() -> RestoreJob.stage(
                        context, store, staging, List.of(file), new TransferProgress(context, 1, expected.length)))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessage("checksum mismatch for ks/tbl/nb-2-big-Data.db: expected sha256 " + digest.sha256()
                        + ", got " + FileDigest.of(planted).sha256());
    }

    private RestoreJob.Staged stored(String name, byte[] content) throws Exception {
        FileDigest digest = FileDigest.of(content);
        store.put(store.layout().blobKey(digest.sha256()), content);
        return staged(name, digest);
    }

    private static RestoreJob.Staged staged(String name, FileDigest digest) {
        String path = "ks/tbl/" + name;
        return new RestoreJob.Staged(
                BackupLayout.parseFilePath("node-0/" + path),
                new BackupManifest.File(path, digest.size(), digest.sha256(), digest.sha1()));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

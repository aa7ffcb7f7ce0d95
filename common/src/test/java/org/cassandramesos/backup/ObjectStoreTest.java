package org.cassandramesos.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one object store over a real S3-compatible server (S3Proxy): absent objects are answers, failures one type. */
class ObjectStoreTest {
    @TempDir
    static Path dir;

    static S3ProxyServer s3;
    static ObjectStore store;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3 = S3ProxyServer.startForTests(dir.resolve("s3"), "test-secret");
        store = open(BackupLocation.parse(s3.endpoint() + "/objects/cluster-a"));
        try (var client = S3Clients.create(store.layout().location(), keys(), 1)) {
            client.createBucket(b -> b.bucket("objects")).join();
        }
    }

    @AfterAll
    static void stopS3Proxy() {
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static Optional<StaticKeys> keys() {
        return Optional.of(new StaticKeys(s3.accessKey(), s3.secretKey()));
    }

    private static ObjectStore open(BackupLocation location) {
        return ObjectStore.open(location, keys(), false, 4, Duration.ofSeconds(30));
    }

    @Test
    void aMissingObjectIsAnAnswerNotAFailure() throws Exception {
        String key = store.layout().location().key("nothing-here");

        assertThat(store.exists(key)).isFalse();
        assertThat(store.read(key, "nothing", 1024)).isEmpty();
        assertThat(store.openStream(key, 0)).isEmpty();
        assertThat(store.download(key, dir.resolve("nothing"), 0)).isEmpty();
    }

    @Test
    void smallObjectsAreWrittenAndReadBackWithinTheirBound() throws Exception {
        String key = store.layout().location().key("small/manifest.json");
        store.put(key, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(store.exists(key)).isTrue();
        assertThat(store.read(key, "the manifest", 1024))
                .hasValueSatisfying(content ->
                        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}"));
        assertThatThrownBy(() -> store.read(key, "the manifest", 3))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessage("the manifest (" + key + " at " + store.layout().location()
                        + ") is larger than the 3 bytes allowed; refusing it");
    }

    @Test
    void filesAreUploadedListedAndDownloadedWithTheirSha256() throws Exception {
        byte[] content = new byte[9 * 1024 * 1024]; // multipart
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("blob"), content);
        FileDigest digest = FileDigest.of(file);
        String key = store.layout().blobKey(digest.sha256());

        store.upload(file, key, digest.size(), Map.of(BackupLayout.SHA256_METADATA, digest.sha256()));

        assertThat(store.sizesUnder(store.layout().location().key(BackupLayout.BLOBS) + "/"))
                .containsEntry(key, (long) content.length);
        ObjectStore.Downloaded downloaded =
                store.download(key, dir.resolve("downloaded"), content.length).orElseThrow();
        assertThat(downloaded).isEqualTo(new ObjectStore.Downloaded(content.length, digest.sha256()));
        assertThat(Files.readAllBytes(dir.resolve("downloaded"))).isEqualTo(content);
        try (InputStream in = store.openStream(key, content.length).orElseThrow()) {
            assertThat(HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(in.readAllBytes())))
                    .isEqualTo(digest.sha256());
        }
        assertThat(store.abortUnfinishedUploads(key)).isZero();
    }

    @Test
    void keysAreListedAndDeleted() throws Exception {
        String prefix = store.layout().location().key("many") + "/";
        List<String> keys =
                IntStream.range(0, 30).mapToObj(i -> prefix + "k" + i).toList();
        for (String key : keys) {
            store.put(key, new byte[] {1}, null);
        }
        store.put(prefix + "sub/one", new byte[] {1}, null);

        assertThat(store.childPrefixes(prefix)).containsExactly(prefix + "sub/");
        assertThat(store.keysUnder(prefix)).containsAll(keys).contains(prefix + "sub/one");

        store.delete(keys); // S3Proxy answers DeleteObjects 501: one by one

        assertThat(store.keysUnder(prefix)).doesNotContainAnyElementsOf(keys).contains(prefix + "sub/one");
    }

    @Test
    void aMissingBucketIsNamed() {
        try (ObjectStore elsewhere = open(BackupLocation.parse(s3.endpoint() + "/no-such-bucket/x"))) {
            assertThatThrownBy(elsewhere::requireBucket)
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessage("bucket 'no-such-bucket' does not exist at "
                            + elsewhere.layout().location());
        }
    }

    @Test
    void aStoreThatIsGoneFailsWithOneExceptionNamingRequestAndLocation() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BackupLocation gone = BackupLocation.parse("http://127.0.0.1:" + closedPort + "/gone/x");
        try (ObjectStore unreachable = open(gone)) {
            String key = gone.key("manifest.json");

            assertThatThrownBy(() -> unreachable.read(key, "the manifest", 1024))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageStartingWith("S3 GET " + key + " at " + gone + " failed: the store could not be reached")
                    .satisfies(
                            e -> assertThat(((ObjectStoreException) e).status()).isZero())
                    .hasMessageNotContaining(s3.secretKey());
        }
    }

    @Test
    void aRefusalCarriesTheStoresStatus() {
        BackupLocation location = store.layout().location();
        try (ObjectStore wrongKeys = ObjectStore.open(
                location, Optional.of(new StaticKeys(s3.accessKey(), "wrong")), false, 1, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> wrongKeys.keysUnder(location.key("")))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageStartingWith("S3 LIST " + location.key("") + " at " + location + " failed: ")
                    .satisfies(
                            e -> assertThat(((ObjectStoreException) e).status()).isEqualTo(403));
        }
    }
}

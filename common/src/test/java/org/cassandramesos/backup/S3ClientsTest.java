package org.cassandramesos.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The client {@link S3Clients} builds works against a real S3-compatible server (S3Proxy), multipart included. */
class S3ClientsTest {
    @TempDir
    static Path dir;

    static S3ProxyServer s3;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3 = S3ProxyServer.startForTests(dir.resolve("s3"), "test-secret");
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void storesAndReadsBackLargeObjectsThroughPathStyleEndpoint() throws Exception {
        BackupLocation location = BackupLocation.parse(s3.endpoint() + "/backups/cluster-a");
        byte[] content = new byte[20 * 1024 * 1024]; // above the SDK's 8 MiB multipart threshold
        new Random(7).nextBytes(content);
        try (S3AsyncClient client =
                S3Clients.create(location, Optional.of(new StaticKeys(s3.accessKey(), s3.secretKey())), 8)) {
            client.createBucket(b -> b.bucket(location.bucket())).join();
            String key = location.key("object");
            client.putObject(r -> r.bucket(location.bucket()).key(key), AsyncRequestBody.fromBytes(content))
                    .join();
            byte[] read = client.getObject(
                            r -> r.bucket(location.bucket()).key(key), AsyncResponseTransformer.toBytes())
                    .join()
                    .asByteArray();
            assertThat(read).isEqualTo(content);
            assertThat(client.listObjectsV2(r -> r.bucket(location.bucket()).prefix("cluster-a/"))
                            .join()
                            .contents())
                    .extracting(o -> o.key())
                    .containsExactly("cluster-a/object");
        }
    }

    @Test
    void withoutKeysOnlyTheOperatorsLocationSignsWithTheProcessCredentials() throws Exception {
        BackupLocation location = BackupLocation.parse(s3.endpoint() + "/creds/x");
        // The process's own credentials, as the default chain finds them (system properties come first in it).
        System.setProperty("aws.accessKeyId", s3.accessKey());
        System.setProperty("aws.secretAccessKey", s3.secretKey());
        try (S3AsyncClient operators = S3Clients.create(location, Optional.empty(), true, 2);
                S3AsyncClient callers = S3Clients.create(location, Optional.empty(), false, 2)) {
            operators.createBucket(b -> b.bucket(location.bucket())).join();

            assertThat(operators
                            .listObjectsV2(r -> r.bucket(location.bucket()))
                            .join()
                            .contents())
                    .isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> callers.listObjectsV2(r -> r.bucket(location.bucket()))
                                    .join())
                    .hasCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
                    .satisfies(e -> assertThat(
                                    ((software.amazon.awssdk.services.s3.model.S3Exception) e.getCause()).statusCode())
                            .isEqualTo(403));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void requestToAStoreThatIsGoneFailsAfterBoundedRetries() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BackupLocation location = BackupLocation.parse("http://127.0.0.1:" + closedPort + "/gone/x");
        try (S3AsyncClient client = S3Clients.create(location, Optional.of(new StaticKeys("k", "s")), 2)) {
            var head = client.headBucket(r -> r.bucket(location.bucket()));

            // bounded: the future ends (well within the backoff's worst case, 4 waits of at most 8 s)
            org.assertj.core.api.Assertions.assertThat(head)
                    .failsWithin(java.time.Duration.ofMinutes(1))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
                    .withMessageContaining("Connection refused")
                    .withMessageContaining("SDK Attempt Count: " + S3Clients.MAX_ATTEMPTS)
                    .satisfies(e -> assertThat(e.getSuppressed()).hasSize(S3Clients.MAX_ATTEMPTS - 1));
        }
    }
}

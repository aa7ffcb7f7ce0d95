package org.cassandramesos.scheduler.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.s3proxy.S3ProxyServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** A real S3Proxy (filesystem store) per test class, with a bucket for backups and a client on it. */
public final class S3ProxyFixture implements BeforeAllCallback, AfterAllCallback {
    public final String secret = "s3-secret-" + UUID.randomUUID();
    private Path dir;
    private S3ProxyServer server;
    private S3AsyncClient client;
    private BackupLocation location;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("s3proxy-");
        server = S3ProxyServer.startForTests(dir.resolve("store"), secret);
        location = BackupLocation.parse(server.endpoint() + "/backups/cluster-a");
        client = S3Clients.create(location, Optional.of(keys()), 8);
        client.createBucket(b -> b.bucket(location.bucket())).join();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    public StaticKeys keys() {
        return new StaticKeys(server.accessKey(), server.secretKey());
    }

    public BackupLocation location() {
        return location;
    }

    public S3ProxyServer server() {
        return server;
    }

    public S3AsyncClient client() {
        return client;
    }
}

package org.cassandramesos.scheduler.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.curator.utils.CloseableUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real ZooKeeper (curator-test, free port) per test class; clients are closed after each test. Clients
 * authenticate as the scheduler does, with {@link #DIGEST}, and create creator-only znodes.
 */
public final class ZooKeeperFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    /** The tests' scheduler credential ({@code ZOOKEEPER_DIGEST}); random per run. */
    public static final String DIGEST = "cassandra-mesos:" + UUID.randomUUID();

    public static final ZooKeeperAccess ACCESS = ZooKeeperAccess.creatorOnly(DIGEST);

    private TestingServer server;
    private final List<CuratorFramework> clients = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer(true);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(CloseableUtils::closeQuietly);
        clients.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
    }

    public TestingServer server() {
        return server;
    }

    /** A new started client, as a (re)started scheduler would have. */
    public CuratorFramework newClient() {
        return newClient(ACCESS);
    }

    /** A new started client with other access: open (no credential) or another digest. */
    public CuratorFramework newClient(ZooKeeperAccess access) {
        CuratorFramework client = ZooKeeperClients.start(
                server.getConnectString(), Duration.ofSeconds(10), Duration.ofSeconds(2), access);
        clients.add(client);
        return client;
    }

    void stopServer() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void restartServer() {
        try {
            server.restart();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

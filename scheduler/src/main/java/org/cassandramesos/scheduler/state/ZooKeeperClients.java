package org.cassandramesos.scheduler.state;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Creates the scheduler's Curator client with the timeouts and the ZooKeeper access it expects. */
public final class ZooKeeperClients {
    private ZooKeeperClients() {}

    /**
     * A started client; waits up to {@code connectTimeout} for the first connection. With creator-only
     * {@code access} it authenticates with the digest on every (re)connection and every znode it creates
     * (namespace roots, parents, transaction and recipe nodes alike) gets {@link ZooKeeperAccess#acl()}.
     */
    public static CuratorFramework start(
            String connectString, Duration sessionTimeout, Duration connectTimeout, ZooKeeperAccess access) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) Math.min(connectTimeout.toMillis(), 15_000))
                .retryPolicy(new ExponentialBackoffRetry(250, 3, 2_000))
                // recipes (the leader latch) give up only when the session is lost, not while the connection is
                // suspended: a short ZooKeeper outage pauses the scheduler (StateConnection) without a failover
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .aclProvider(access.aclProvider());
        access.digest().ifPresent(digest -> builder.authorization("digest", digest.authBytes()));
        CuratorFramework client = builder.build();
        client.start();
        try {
            if (!client.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new PersisterException(
                        "no ZooKeeper connection to " + connectString + " within " + connectTimeout);
            }
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new PersisterException("interrupted while connecting to ZooKeeper", e);
        }
        return client;
    }
}

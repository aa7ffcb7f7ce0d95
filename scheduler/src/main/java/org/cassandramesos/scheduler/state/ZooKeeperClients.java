package org.cassandramesos.scheduler.state;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Creates the scheduler's Curator client with the timeouts it expects. */
public final class ZooKeeperClients {
    private ZooKeeperClients() {}

    /** A started client; waits up to {@code connectTimeout} for the first connection. */
    public static CuratorFramework start(String connectString, Duration sessionTimeout, Duration connectTimeout) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) Math.min(connectTimeout.toMillis(), 15_000))
                .retryPolicy(new ExponentialBackoffRetry(250, 3, 2_000))
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new PersisterException("no ZooKeeper connection to " + connectString + " within "
                        + connectTimeout);
            }
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new PersisterException("interrupted while connecting to ZooKeeper", e);
        }
        return client;
    }
}

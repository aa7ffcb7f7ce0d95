package org.cassandramesos.scheduler.state;

import io.dropwizard.lifecycle.Managed;
import org.apache.curator.framework.CuratorFramework;

/** Closes the Curator client when the scheduler stops. */
public final class ZooKeeperLifecycle implements Managed {
    private final CuratorFramework client;

    public ZooKeeperLifecycle(CuratorFramework client) {
        this.client = client;
    }

    @Override
    public void stop() {
        client.close();
    }
}

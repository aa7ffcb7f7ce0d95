package org.cassandramesos.scheduler.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StateConnection} from Curator's connection states: connected after CONNECTED/RECONNECTED,
 * disconnected after SUSPENDED/LOST/READ_ONLY (a read-only server cannot take our writes).
 */
public final class CuratorStateConnection implements StateConnection, ConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(CuratorStateConnection.class);

    private final AtomicBoolean connected = new AtomicBoolean();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private CuratorStateConnection() {}

    /** Starts following {@code client}'s connection; the client may or may not be started yet. */
    public static CuratorStateConnection follow(CuratorFramework client) {
        CuratorStateConnection connection = new CuratorStateConnection();
        client.getConnectionStateListenable().addListener(connection);
        // registered first, read second: a change in between is seen by the listener
        connection.connected.compareAndSet(false, client.getZookeeperClient().isConnected());
        return connection;
    }

    @Override
    public boolean isConnected() {
        return connected.get();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        boolean now = newState == ConnectionState.CONNECTED || newState == ConnectionState.RECONNECTED;
        boolean before = connected.getAndSet(now);
        if (before != now) {
            if (now) {
                LOG.info("ZooKeeper connection {}: resuming", newState);
            } else {
                LOG.warn("ZooKeeper connection {}: the scheduler stops acting until it is back", newState);
            }
            for (Listener listener : listeners) {
                listener.connectionChanged(now);
            }
        }
    }
}

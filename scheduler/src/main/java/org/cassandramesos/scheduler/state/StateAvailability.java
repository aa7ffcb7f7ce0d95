package org.cassandramesos.scheduler.state;

/**
 * Whether the scheduler may act on its state, and what it does meanwhile (a pure decision; docs/reliability.md,
 * "ZooKeeper outage"). Everything the scheduler decides is stored in ZooKeeper before it is acted on, so while
 * ZooKeeper is away it decides nothing. When ZooKeeper is back it first catches up: it reads its state afresh and asks
 * the master again about every task it believes alive. The master's own updates (reconciliation answers,
 * TASK_UNREACHABLE) carry no uuid and are never sent again, so those that arrived during the outage are lost unless
 * the scheduler asks for them again.
 */
public enum StateAvailability {
    /** ZooKeeper is not connected: nothing can be read or stored. */
    UNAVAILABLE,
    /** ZooKeeper is connected again, but the scheduler has not yet read its state afresh and asked the master again. */
    CATCHING_UP,
    /** ZooKeeper is connected and the scheduler has caught up since the last outage. */
    AVAILABLE;

    /**
     * @param connected whether the ZooKeeper connection is up now
     * @param caughtUp  whether the scheduler has caught up (framework id stored, reconciliation restarted) since the
     *                  connection was last lost or the framework last subscribed
     */
    public static StateAvailability of(boolean connected, boolean caughtUp) {
        if (!connected) {
            return UNAVAILABLE;
        }
        return caughtUp ? AVAILABLE : CATCHING_UP;
    }

    /**
     * Offers are used only on state that is stored and that the master has confirmed (reconciled); otherwise they are
     * declined, so that nothing is launched, reserved or released on a state the scheduler could not store.
     */
    public boolean mayUseOffers(boolean reconciled) {
        return this == AVAILABLE && reconciled;
    }

    /**
     * A status update is stored, then acknowledged, only while ZooKeeper is connected. Otherwise it is left
     * unacknowledged: the agent sends it again until it is acknowledged.
     */
    public boolean mayStoreUpdates() {
        return this != UNAVAILABLE;
    }

    /**
     * Whether the periodic work may run: reconciliation calls, replacing nodes unreachable past their grace, launch
     * timeouts, offer suppression and the operations' jobs. Each reads state that must be current.
     */
    public boolean mayAct() {
        return this == AVAILABLE;
    }
}

package org.cassandramesos.scheduler.state;

/**
 * Whether the state store can be trusted right now. While it is not connected the scheduler must not
 * act on offers or status updates: it could neither record what it did nor read what it did before.
 */
public interface StateConnection {

    boolean isConnected();

    /** Called on every change, from the store's event thread; must be quick. */
    void addListener(Listener listener);

    @FunctionalInterface
    interface Listener {
        void connectionChanged(boolean connected);
    }

    /** For the in-memory store, which is always there. */
    static StateConnection alwaysConnected() {
        return new StateConnection() {
            @Override
            public boolean isConnected() {
                return true;
            }

            @Override
            public void addListener(Listener listener) {
                // never changes
            }
        };
    }
}

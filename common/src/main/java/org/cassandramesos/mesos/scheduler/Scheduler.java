package org.cassandramesos.mesos.scheduler;

import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A scheduler written against events and calls, not HTTP. Callbacks come from one thread, in
 * stream order.
 */
public interface Scheduler {
    /** A SUBSCRIBED event arrived on a new stream: persist the framework id, then reconcile. */
    void subscribed(Mesos mesos, Event.Subscribed subscribed);

    /** Any event other than SUBSCRIBED and HEARTBEAT. */
    void received(Mesos mesos, Event event);

    /** The stream ended or missed heartbeats; the client re-subscribes with backoff on its own. */
    void disconnected();

    /**
     * The master sent an ERROR event (e.g. "Framework failed over", "Framework has been removed"): the master has
     * closed this framework's stream for good, so the client has stopped and will not re-subscribe. Called after
     * {@link #disconnected()} when the stream had been subscribed.
     */
    default void error(String message) {}
}

package org.cassandramesos.scheduler.metrics;

import java.util.List;
import java.util.Map;
import org.cassandramesos.scheduler.plan.Plan;

/**
 * What the scheduler's gauges read at each scrape. A standby instance, or a leader while ZooKeeper is away, has no
 * plans or nodes to show (reading them could wait on ZooKeeper): it answers empty ones, and its connection gauges say
 * why.
 */
public interface ObservedState {
    /** This instance is the elected one and acts. */
    boolean acting();

    /** Subscribed to a Mesos master now. */
    boolean mesosSubscribed();

    /** Every known task's state reconciled with the master since the subscription. */
    boolean mesosReconciled();

    /** Connected to ZooKeeper now. */
    boolean zookeeperConnected();

    /** The plans operators see (deploy and the latest operation's). */
    List<Plan> plans();

    /** Each known node's Mesos task state ({@code TASK_RUNNING}, …, or {@code NOT_LAUNCHED}). */
    Map<String, String> nodeStates();
}

package org.cassandramesos.mesos.executor;

import org.apache.mesos.v1.Protos.TaskStatus;

/** The agent, as an executor sees it. */
public interface ExecutorDriver {
    /**
     * Sends a status update. The driver fills in {@code uuid}, {@code source}, {@code timestamp}
     * and {@code executor_id} when missing, keeps the update until the agent ACKNOWLEDGEs it and
     * re-sends it on every re-subscription.
     */
    void update(TaskStatus status);

    /** Best-effort framework message to the scheduler. */
    void message(byte[] data);
}

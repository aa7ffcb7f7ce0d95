package org.cassandramesos.executor.lifecycle;

import java.util.Optional;
import org.cassandramesos.protocol.jobs.NodeProcessInfo.Status;

/** Seed 003's status of a node from what the process and Cassandra say. */
final class ProcessStatusRule {
    private ProcessStatusRule() {}

    /**
     * @param running           the process is alive
     * @param serving           Cassandra is NORMAL, joined, and serves clients (native transport on)
     * @param lastExitRequested how the last process ended: requested (operator or executor), or not; empty when
     *                          none has ended
     */
    static Status of(boolean running, boolean serving, Optional<Boolean> lastExitRequested) {
        if (running) {
            return serving ? Status.ACTIVE : Status.PAUSED;
        }
        return lastExitRequested.orElse(true) ? Status.STOPPED : Status.DEAD;
    }
}

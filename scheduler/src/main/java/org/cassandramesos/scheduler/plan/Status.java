package org.cassandramesos.scheduler.plan;

/**
 * Progress of a step, and by aggregation of a phase or plan.
 * <ul>
 *   <li>PENDING: not started, or waiting for its retry backoff to pass</li>
 *   <li>PREPARED: chosen by the strategy; looking for an offer that fits</li>
 *   <li>STARTING: an ACCEPT with its LAUNCH went out; the task is staging or starting</li>
 *   <li>IN_PROGRESS: the task runs but the node is not ready yet</li>
 *   <li>COMPLETE: done (a node: Up/Normal and serving CQL)</li>
 *   <li>WAITING: the plan is interrupted</li>
 *   <li>ERROR: retries exhausted or invalid config; needs an operator</li>
 * </ul>
 */
public enum Status {
    PENDING,
    PREPARED,
    STARTING,
    IN_PROGRESS,
    COMPLETE,
    WAITING,
    ERROR;

    /** A task is out there for this step. */
    public boolean isInFlight() {
        return this == STARTING || this == IN_PROGRESS;
    }

    /** The step may be handed an offer. */
    public boolean isEligible() {
        return this == PENDING || this == PREPARED;
    }
}

package org.cassandramesos.scheduler.ops;

/** The request is valid but cannot be done now (409): another operation runs, or the cluster is not deployed. */
public final class OperationConflict extends RuntimeException {
    public OperationConflict(String message) {
        super(message);
    }
}

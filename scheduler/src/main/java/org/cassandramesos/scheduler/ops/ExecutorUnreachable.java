package org.cassandramesos.scheduler.ops;

/** A node verb could not reach the node's executor (502); nothing was changed. */
public final class ExecutorUnreachable extends RuntimeException {
    public ExecutorUnreachable(String message) {
        super(message);
    }
}

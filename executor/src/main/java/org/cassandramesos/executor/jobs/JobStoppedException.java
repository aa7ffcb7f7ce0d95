package org.cassandramesos.executor.jobs;

/** A job ended early because a stop was asked; its state becomes STOPPED, not FAILED. */
public final class JobStoppedException extends Exception {
    public JobStoppedException(String message) {
        super(message);
    }
}

package org.cassandramesos.scheduler.state;

/** The state store could not do what was asked; the scheduler's state is unknown until it can. */
public class PersisterException extends RuntimeException {
    public PersisterException(String message, Throwable cause) {
        super(message, cause);
    }

    public PersisterException(String message) {
        super(message);
    }
}

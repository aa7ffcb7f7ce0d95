package org.cassandramesos.scheduler.state;

/** The state store could not do what was asked; the scheduler's state is unknown until it can. */
public class PersisterException extends RuntimeException {
    private final boolean mayHaveWritten;

    public PersisterException(String message, Throwable cause) {
        this(message, cause, true);
    }

    public PersisterException(String message) {
        this(message, null, true);
    }

    private PersisterException(String message, Throwable cause, boolean mayHaveWritten) {
        super(message, cause);
        this.mayHaveWritten = mayHaveWritten;
    }

    /** The store answered and refused the write: none of its values changed (parents may have been created). */
    public static PersisterException refused(String message, Throwable cause) {
        return new PersisterException(message, cause, false);
    }

    /**
     * Whether a failed write may have changed the store in whole or in part: its answer was lost (the connection went
     * mid-write), or it is not atomic (a recursive delete). Always true unless the store said it {@link #refused} it.
     */
    public boolean mayHaveWritten() {
        return mayHaveWritten;
    }
}

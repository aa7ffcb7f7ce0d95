package org.cassandramesos.mesos.scheduler;

/** A call the master did not accept: an HTTP error status, or no answer at all (status 0). */
public class MesosCallException extends RuntimeException {
    private final int status;

    public MesosCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    public MesosCallException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** HTTP status, or 0 if the master could not be reached. */
    public int status() {
        return status;
    }
}

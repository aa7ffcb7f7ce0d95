package org.cassandramesos.mesos;

/** An HTTP error answer from a Mesos endpoint, with the body Mesos sent (its reason, as text). */
public class MesosHttpException extends RuntimeException {
    private final int status;

    public MesosHttpException(int status, String body) {
        super("HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip()));
        this.status = status;
    }

    public int status() {
        return status;
    }
}

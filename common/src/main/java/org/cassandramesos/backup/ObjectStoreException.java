package org.cassandramesos.backup;

import java.io.IOException;

/**
 * An {@link ObjectStore} call failed: the store answered an error, could not be reached, did not answer within the
 * call's bound, or the caller was interrupted. The message names the operation, the key and the location (never the
 * credentials).
 */
public final class ObjectStoreException extends IOException {
    private final int status;

    ObjectStoreException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the store answered, or 0 when it gave none (unreachable, timed out, interrupted). */
    public int status() {
        return status;
    }
}

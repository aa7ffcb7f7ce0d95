package org.cassandramesos.scheduler.backup;

/**
 * Why a backups API request cannot be served; the API answers each kind with its status and this message (which
 * never carries a key or token).
 */
public final class BackupProblem extends RuntimeException {
    public enum Kind {
        /** 400: a malformed name or path, or a checksum that does not match the content. */
        INVALID,
        /** 404: no such backup or file. */
        NOT_FOUND,
        /** 409: the backup or file was deleted and may not be written again, or holds other content. */
        CONFLICT,
        /** 413: a file larger than allowed. */
        TOO_LARGE,
        /** 408: the client stopped sending the file. */
        CLIENT_TIMEOUT,
        /** 503 with Retry-After: too many uploads in progress, or their spool budget is used up. */
        BUSY,
        /** 502: the backup store failed or did not answer in time. */
        STORE_FAILED
    }

    private final Kind kind;

    public BackupProblem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static BackupProblem invalid(String message) {
        return new BackupProblem(Kind.INVALID, message);
    }

    static BackupProblem notFound(String message) {
        return new BackupProblem(Kind.NOT_FOUND, message);
    }

    static BackupProblem conflict(String message) {
        return new BackupProblem(Kind.CONFLICT, message);
    }

    static BackupProblem storeFailed(String message) {
        return new BackupProblem(Kind.STORE_FAILED, message);
    }
}

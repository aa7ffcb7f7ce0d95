package org.cassandramesos.cli;

/** Distinct exit codes, so scripts can tell an auth problem from a missing node from a busy cluster. */
public enum ExitCode {
    OK(0),
    USAGE(2),
    UNAUTHORIZED(3),
    NOT_FOUND(4),
    CONFLICT(5),
    CLIENT_ERROR(6),
    SERVER_ERROR(7),
    UNREACHABLE(8),
    NOT_CONFIGURED(9),
    /** {@code --wait}: the operation ended FAILED or STOPPED. */
    OPERATION_FAILED(10),
    /** {@code --wait}: the operation was still running when the timeout passed. */
    TIMED_OUT(11);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The exit code for an HTTP status the scheduler answered with. */
    public static ExitCode forStatus(int status) {
        if (status == 401 || status == 403) {
            return UNAUTHORIZED;
        } else if (status == 404) {
            return NOT_FOUND;
        } else if (status == 409) {
            return CONFLICT;
        } else if (status >= 400 && status < 500) {
            return CLIENT_ERROR;
        } else if (status >= 500) {
            return SERVER_ERROR;
        }
        return OK;
    }
}

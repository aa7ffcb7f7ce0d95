package org.cassandramesos.cli;

/** A failure the user gets as one line on stderr and a distinct exit code. */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public CliFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}

package org.cassandramesos.executor.process;

import java.util.List;

/**
 * How a Cassandra process ended.
 *
 * @param pid       the process id
 * @param exitCode  its exit status (128 + signal number when a signal ended it)
 * @param requested whether we asked it to stop
 * @param logTail   the last lines of its console and system log
 */
public record ProcessExit(long pid, int exitCode, boolean requested, List<String> logTail) {

    public ProcessExit {
        logTail = List.copyOf(logTail);
    }

    /** A sentence an operator can act on. */
    public String reason() {
        String how = exitCode > 128 && exitCode < 160
                ? "was killed by " + signalName(exitCode - 128)
                : "exited with status " + exitCode;
        return "Cassandra (pid " + pid + ") " + how + (requested ? " after a stop request" : " unexpectedly");
    }

    /** The reason followed by the log tail, for TASK_FAILED messages and the node API's error field. */
    public String report() {
        return logTail.isEmpty() ? reason() : reason() + "; last log lines:\n" + String.join("\n", logTail);
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }
}

package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Processes found by their whole command line, as the tests recognise executors, Cassandra and the scheduler. */
final class CommandLines {
    private CommandLines() {}

    /** The whole command line from /proc (ProcessHandle.Info leaves long ones out); empty once the process is gone. */
    static String of(ProcessHandle process) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                            StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** Pids of the processes whose command line contains every one of {@code parts}. */
    static Stream<Long> containing(String... parts) {
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String command = of(p);
                    return Arrays.stream(parts).allMatch(command::contains);
                })
                .map(ProcessHandle::pid);
    }
}

package org.cassandramesos.local.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cassandramesos.process.ProcessTree;

/**
 * The executors' process groups: executors run in their own session ({@code setsid}), so besides the
 * parent/child tree ({@link ProcessTree}), members of the executor's process group are found through
 * {@code /proc} and killed even after they were re-parented.
 */
public final class ProcessGroups {
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst();

    private ProcessGroups() {}

    /** The command prefix that starts a process as leader of its own session and process group, if available. */
    static Optional<String> setsid() {
        return SETSID;
    }

    /** SIGKILLs every process whose process group is {@code pgid}, with their trees (Linux {@code /proc}). */
    public static void killGroup(long pgid) {
        killGroup(pgid, java.time.Instant.EPOCH);
    }

    /**
     * Kills what is left of an executor started by an earlier run of the agent (e.g. after the JVM was
     * SIGKILLed): the leader if it is still the same process, and group members started after it.
     * A pid reused by an unrelated process is left alone.
     */
    public static void killLeftovers(long pid, java.time.Instant started) {
        Optional<ProcessHandle> leader = ProcessHandle.of(pid);
        if (leader.isPresent()) {
            Optional<java.time.Instant> leaderStart = leader.get().info().startInstant();
            if (leaderStart.isEmpty() || Math.abs(leaderStart.get().toEpochMilli() - started.toEpochMilli()) > 1000)
                return;
            ProcessTree.kill(leader.get());
        }
        killGroup(pid, started.minusSeconds(1));
    }

    private static void killGroup(long pgid, java.time.Instant startedNotBefore) {
        List<ProcessHandle> members = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                if (pid == ProcessHandle.current().pid()) continue;
                if (processGroup(p) != pgid) continue;
                ProcessHandle.of(pid)
                        .filter(h -> h.info()
                                .startInstant()
                                .map(t -> !t.isBefore(startedNotBefore))
                                .orElse(false))
                        .ifPresent(members::add);
            }
        } catch (IOException e) {
            return; // no /proc: the tree kill is all we can do
        }
        members.forEach(ProcessTree::kill);
    }

    private static long processGroup(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

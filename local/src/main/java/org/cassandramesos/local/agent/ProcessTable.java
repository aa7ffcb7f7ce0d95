package org.cassandramesos.local.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's process table as parent → children, read at most about once a second for every agent in this JVM.
 * {@link ProcessHandle#descendants()} reads every process's {@code /proc/<pid>/stat} on each call: a hundred agents each
 * remembering their executors' descendants every second read the whole table a hundred times a second and kept two
 * cores busy. A second-old view loses nothing here: a process younger than that is remembered at the next look.
 */
final class ProcessTable {
    private static final long MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(900);

    private static long takenAt;
    private static Map<Long, List<ProcessHandle>> children = Map.of();

    private ProcessTable() {}

    /** The live descendants of {@code root} as of the last read (at most ~1 s old). */
    static List<ProcessHandle> descendants(ProcessHandle root) {
        Map<Long, List<ProcessHandle>> table = recent();
        List<ProcessHandle> found = new ArrayList<>();
        Deque<Long> next = new ArrayDeque<>(List.of(root.pid()));
        while (!next.isEmpty()) {
            for (ProcessHandle child : table.getOrDefault(next.pop(), List.of())) {
                found.add(child);
                next.push(child.pid());
            }
        }
        return found;
    }

    private static synchronized Map<Long, List<ProcessHandle>> recent() {
        long now = System.nanoTime();
        if (takenAt == 0 || now - takenAt > MAX_AGE_NANOS) {
            Map<Long, List<ProcessHandle>> read = new HashMap<>();
            ProcessHandle.allProcesses()
                    .forEach(process -> process.parent()
                            .ifPresent(parent -> read.computeIfAbsent(parent.pid(), pid -> new ArrayList<>())
                                    .add(process)));
            children = read;
            takenAt = now;
        }
        return children;
    }
}

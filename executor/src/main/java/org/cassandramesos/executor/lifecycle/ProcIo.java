package org.cassandramesos.executor.lifecycle;

import java.util.HashMap;
import java.util.Map;

/**
 * A process's cumulative I/O from {@code /proc/<pid>/io}: bytes read from and written to storage, and read/write
 * system calls.
 */
public record ProcIo(long readBytes, long writeBytes, long readRequests, long writeRequests) {

    /** @throws IllegalArgumentException when a field is missing or not a number */
    public static ProcIo parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        return new ProcIo(
                field(fields, "read_bytes"),
                field(fields, "write_bytes"),
                field(fields, "syscr"),
                field(fields, "syscw"));
    }

    private static long field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in /proc/<pid>/io");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " in /proc/<pid>/io is not a number: " + value, e);
        }
    }

    /** Seed 003's names for the one drive of a node. */
    public Map<String, Long> counters() {
        return Map.of(
                "block:0:read:bytes",
                readBytes,
                "block:0:write:bytes",
                writeBytes,
                "block:0:read:requests",
                readRequests,
                "block:0:write:requests",
                writeRequests);
    }
}

package org.cassandramesos.executor.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.cassandramesos.protocol.jobs.JobKind;

/** Totals over every job this executor ran, by kind: what only grows (bytes transferred), for the node's metrics. */
public final class JobCounters {
    private final Map<JobKind, LongAdder> bytes = new EnumMap<>(JobKind.class);

    JobCounters() {
        for (JobKind kind : JobKind.values()) {
            bytes.put(kind, new LongAdder());
        }
    }

    void transferred(JobKind kind, long count) {
        if (count > 0) {
            bytes.get(kind).add(count);
        }
    }

    /** Bytes sent to or read from the backup store by jobs of {@code kind} since the executor started. */
    public long bytesTransferred(JobKind kind) {
        return bytes.get(kind).sum();
    }
}

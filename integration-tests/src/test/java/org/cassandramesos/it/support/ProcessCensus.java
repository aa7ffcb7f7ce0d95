package org.cassandramesos.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every process the tests caused to be started (executors, Cassandra JVMs and their descendants), by pid and start
 * time, so the tests can check that none is left, without ever touching a process they did not start.
 */
public final class ProcessCensus {
    /** A process seen once; the start instant tells a reused pid apart. */
    public record Seen(long pid, String what, Optional<java.time.Instant> started) {
        public boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().startInstant().equals(started)).isPresent();
        }
    }

    private final Map<Long, Seen> seen = new LinkedHashMap<>();

    /** Records {@code pid} and every descendant it has now. */
    public synchronized void record(long pid, String what) {
        ProcessHandle.of(pid).ifPresent(h -> {
            seen.putIfAbsent(pid, new Seen(pid, what, h.info().startInstant()));
            h.descendants().forEach(d -> seen.putIfAbsent(d.pid(),
                    new Seen(d.pid(), what + " descendant " + d.info().command().orElse("?"), d.info().startInstant())));
        });
    }

    public synchronized List<Seen> all() {
        return new ArrayList<>(seen.values());
    }

    public synchronized List<Seen> alive() {
        return seen.values().stream().filter(Seen::alive).toList();
    }
}

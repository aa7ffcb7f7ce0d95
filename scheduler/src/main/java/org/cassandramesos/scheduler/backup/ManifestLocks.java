package org.cassandramesos.scheduler.backup;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes the read-modify-write of one node's manifest of one backup within this scheduler. Locks are kept for
 * the process's life: one per (backup, node) the API has written, a few hundred at most.
 */
final class ManifestLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T with(String backup, String node, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(backup + "/" + node, key -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}

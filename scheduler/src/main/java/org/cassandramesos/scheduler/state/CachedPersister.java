package org.cassandramesos.scheduler.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A write-through cache in front of the {@link Persister} that holds the state (ZooKeeper): every value and child
 * listing read once is kept, and every successful write updates what is kept, so in steady state the scheduler's reads
 * (offer rounds, reconciliation, status updates, the API) ask ZooKeeper nothing. This is correct because the leading
 * scheduler is the only writer of its state ({@code LeaderElection}): nobody else's writes could go unseen.
 *
 * <p>It holds only what the store held or was told and acknowledged. A refused write changes no kept value; a write
 * whose outcome is unknown (the connection went mid-write) forgets the paths it touched, so the next read asks the
 * store. Any failed write also forgets the listings above its paths, since parents are created before the write
 * itself. Whenever the store's connection comes or goes, everything is forgotten: after a ZooKeeper outage the
 * scheduler's catch-up reads the state afresh ({@link StateAvailability}), and reads during the outage fail as they
 * would without the cache. The whole state is a few KB per node (bench/results/StateFootprint.md).
 */
public final class CachedPersister implements Persister {
    private final Persister store;
    /** Values read or written by path; empty for a path known to hold no value. */
    private final NavigableMap<String, Optional<byte[]>> values = new TreeMap<>();
    /** Listings of direct children by path, as read or since changed by writes. */
    private final NavigableMap<String, NavigableSet<String>> children = new TreeMap<>();
    /** Set from the connection's event thread, which must not wait for the lock; applied by the next call. */
    private final AtomicBoolean stale = new AtomicBoolean();

    public CachedPersister(Persister store) {
        this.store = store;
    }

    /** A cache of {@code store} that forgets everything whenever {@code connection} is lost or comes back. */
    public static CachedPersister following(Persister store, StateConnection connection) {
        CachedPersister cache = new CachedPersister(store);
        connection.addListener(connected -> cache.forgetAll());
        return cache;
    }

    /** Makes the next reads ask the store. Does not wait: callable from any thread. */
    public void forgetAll() {
        stale.set(true);
    }

    @Override
    public synchronized Optional<byte[]> get(String path) {
        Paths.check(path);
        dropIfStale();
        Optional<byte[]> value = values.get(path);
        if (value == null) {
            value = store.get(path);
            values.put(path, value);
        }
        return value.map(byte[]::clone);
    }

    @Override
    public synchronized List<String> children(String path) {
        Paths.check(path);
        dropIfStale();
        NavigableSet<String> names = children.get(path);
        if (names == null) {
            names = new TreeSet<>(store.children(path));
            children.put(path, names);
        }
        return new ArrayList<>(names);
    }

    @Override
    public synchronized void set(String path, byte[] value) {
        Paths.check(path);
        dropIfStale();
        byte[] copy = value.clone();
        write(List.of(path), () -> store.set(path, copy));
        stored(path, copy);
    }

    @Override
    public synchronized void commit(Map<String, byte[]> sets, Collection<String> deletes) {
        dropIfStale();
        Map<String, byte[]> copies = new LinkedHashMap<>();
        sets.forEach((path, value) -> copies.put(path, value.clone()));
        List<String> touched = new ArrayList<>(sets.keySet());
        touched.addAll(deletes);
        write(touched, () -> store.commit(copies, deletes));
        copies.forEach(this::stored);
        deletes.forEach(this::deleted);
    }

    @Override
    public synchronized void delete(String path) {
        Paths.check(path);
        dropIfStale();
        write(List.of(path), () -> store.delete(path));
        deleted(path);
    }

    private void write(List<String> paths, Runnable write) {
        try {
            write.run();
        } catch (PersisterException e) {
            for (String path : paths) {
                forgetListingsAbove(path);
                if (e.mayHaveWritten()) {
                    forgetSubtree(values, path);
                    forgetSubtree(children, path);
                }
            }
            throw e;
        }
    }

    private void stored(String path, byte[] value) {
        values.put(path, value.length == 0 ? Optional.empty() : Optional.of(value));
        // the path, and each parent the write created, is now a child of the level above
        for (String child = path; !"/".equals(child); child = Paths.parent(child)) {
            NavigableSet<String> names = children.get(Paths.parent(child));
            if (names != null) {
                names.add(name(child));
            }
        }
    }

    private void deleted(String path) {
        forgetSubtree(values, path);
        forgetSubtree(children, path);
        values.put(path, Optional.empty());
        children.put(path, new TreeSet<>());
        if (!"/".equals(path)) {
            NavigableSet<String> siblings = children.get(Paths.parent(path));
            if (siblings != null) {
                siblings.remove(name(path));
            }
        }
    }

    private void dropIfStale() {
        if (stale.getAndSet(false)) {
            values.clear();
            children.clear();
        }
    }

    /** Parents created before a failed write may or may not be there now. */
    private void forgetListingsAbove(String path) {
        for (String child = path; !"/".equals(child); child = Paths.parent(child)) {
            children.remove(Paths.parent(child));
        }
    }

    /** Forgets the path and everything below it. */
    private static void forgetSubtree(NavigableMap<String, ?> map, String path) {
        if ("/".equals(path)) {
            map.clear();
            return;
        }
        map.remove(path);
        map.subMap(path + "/", true, path + "0", false).clear(); // '0' sorts right after '/'
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

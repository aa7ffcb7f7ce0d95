package org.cassandramesos.scheduler.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tree of byte values addressed by absolute paths ({@code /nodes/node-0/task-info}). Writing a path
 * creates its parents; parents created that way hold no value. An empty value reads back as absent.
 * Every method throws {@link PersisterException} when the store cannot answer (e.g. ZooKeeper is
 * unreachable); callers must then stop acting rather than guess.
 */
public interface Persister {

    Optional<byte[]> get(String path);

    void set(String path, byte[] value);

    /** Sets all values in one atomic write: after a crash either all or none are visible. */
    default void setAll(Map<String, byte[]> values) {
        commit(values, List.of());
    }

    /**
     * Sets {@code values} and deletes the leaf paths {@code deletes} (missing ones are ignored) in one
     * atomic write.
     */
    void commit(Map<String, byte[]> values, Collection<String> deletes);

    /** Deletes the path and everything below it; nothing happens if it does not exist. */
    void delete(String path);

    /** Names (not paths) of the direct children, sorted; empty if the path does not exist. */
    List<String> children(String path);

    static String join(String parent, String child) {
        return "/".equals(parent) ? "/" + child : parent + "/" + child;
    }
}

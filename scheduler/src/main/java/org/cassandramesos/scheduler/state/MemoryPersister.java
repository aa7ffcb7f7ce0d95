package org.cassandramesos.scheduler.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link Persister} for unit tests and for trying things out; thread-safe, not durable. */
public final class MemoryPersister implements Persister {
    private final NavigableMap<String, byte[]> values = new TreeMap<>();

    @Override
    public synchronized Optional<byte[]> get(String path) {
        byte[] value = values.get(Paths.check(path));
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public synchronized void set(String path, byte[] value) {
        putWithParents(Paths.check(path), value);
    }

    @Override
    public synchronized void commit(Map<String, byte[]> sets, Collection<String> deletes) {
        sets.keySet().forEach(Paths::check);
        deletes.forEach(Paths::check);
        for (String path : deletes) {
            if (hasChildren(path)) {
                throw new PersisterException("cannot delete " + path + " in a commit: it has children");
            }
        }
        sets.forEach(this::putWithParents);
        deletes.forEach(values::remove);
    }

    @Override
    public synchronized void delete(String path) {
        Paths.check(path);
        if ("/".equals(path)) {
            values.clear();
            return;
        }
        values.remove(path);
        values.subMap(path + "/", true, path + "0", false).clear(); // '0' sorts right after '/'
    }

    @Override
    public synchronized List<String> children(String path) {
        Paths.check(path);
        String prefix = "/".equals(path) ? "/" : path + "/";
        List<String> names = new ArrayList<>();
        for (String key : values.tailMap(prefix, false).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            String rest = key.substring(prefix.length());
            if (!rest.contains("/")) {
                names.add(rest);
            }
        }
        return names;
    }

    private boolean hasChildren(String path) {
        String prefix = path + "/";
        String next = values.higherKey(prefix);
        return values.containsKey(prefix) || (next != null && next.startsWith(prefix));
    }

    private void putWithParents(String path, byte[] value) {
        for (String parent = Paths.parent(path); !"/".equals(parent); parent = Paths.parent(parent)) {
            values.putIfAbsent(parent, new byte[0]);
        }
        values.put(path, value.clone());
    }
}

package org.cassandramesos.local.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Resource;

/**
 * An immutable bag of Mesos resources with the arithmetic the master needs (add, subtract,
 * contains). Entries are keyed by everything but their amount: name, reservation stack and disk
 * info, so equal reservations merge and different labels stay apart. Allocation info is not part
 * of the books: it is stripped on the way in and added when offering.
 *
 * <p>Persistent volumes are indivisible: they can only be taken whole.
 */
public final class Resources {
    private static final Resources EMPTY = new Resources(Map.of());

    private final Map<Resource, Quantity> entries;

    private Resources(Map<Resource, Quantity> entries) {
        this.entries = entries;
    }

    public static Resources empty() {
        return EMPTY;
    }

    public static Resources of(Collection<Resource> resources) {
        Map<Resource, Quantity> map = new LinkedHashMap<>();
        for (Resource r : resources) {
            Resource normalized = ResourceFormat.normalize(r);
            Quantity q = Quantity.of(normalized);
            if (q.isEmpty()) continue;
            map.merge(keyOf(normalized), q, Quantity::plus);
        }
        return new Resources(map);
    }

    public static Resources of(Resource... resources) {
        return of(List.of(resources));
    }

    private static Resource keyOf(Resource r) {
        return r.toBuilder()
                .clearScalar()
                .clearRanges()
                .clearSet()
                .clearAllocationInfo()
                .build();
    }

    private static boolean isVolume(Resource key) {
        return key.hasDisk() && key.getDisk().hasPersistence();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Resources plus(Resources other) {
        Map<Resource, Quantity> map = new LinkedHashMap<>(entries);
        other.entries.forEach((k, q) -> map.merge(k, q, Quantity::plus));
        return new Resources(map);
    }

    /** Takes {@code other} away; entries not present are ignored (callers check {@link #contains} when it matters). */
    public Resources minus(Resources other) {
        Map<Resource, Quantity> map = new LinkedHashMap<>(entries);
        other.entries.forEach((k, q) -> {
            Quantity have = map.get(k);
            if (have == null) return;
            Quantity left = isVolume(k) ? null : have.minus(q);
            if (left == null || left.isEmpty()) {
                map.remove(k);
            } else {
                map.put(k, left);
            }
        });
        return new Resources(map);
    }

    public boolean contains(Resources other) {
        for (Map.Entry<Resource, Quantity> e : other.entries.entrySet()) {
            Quantity have = entries.get(e.getKey());
            if (have == null) return false;
            if (isVolume(e.getKey()) ? !have.equals(e.getValue()) : !have.contains(e.getValue())) return false;
        }
        return true;
    }

    public Resources filter(Predicate<Resource> keep) {
        Map<Resource, Quantity> map = new LinkedHashMap<>();
        entries.forEach((k, q) -> {
            if (keep.test(k)) map.put(k, q);
        });
        return new Resources(map);
    }

    /** The resources a framework acting as {@code role} may be offered: unreserved and reserved to that role. */
    public Resources offerableTo(String role) {
        return filter(r -> r.getReservationsCount() == 0
                || r.getReservations(r.getReservationsCount() - 1).getRole().equals(role));
    }

    /** Scalar total of {@code name} across all entries. */
    public double scalar(String name) {
        long milli = 0;
        for (Map.Entry<Resource, Quantity> e : entries.entrySet()) {
            if (e.getKey().getName().equals(name) && e.getValue() instanceof Quantity.Scalar s) milli += s.milli();
        }
        return milli / 1000.0;
    }

    public List<Resource> toList() {
        List<Resource> out = new ArrayList<>(entries.size());
        entries.forEach((k, q) -> {
            Resource.Builder b = k.toBuilder();
            q.writeTo(b);
            out.add(b.build());
        });
        return out;
    }

    /** As offered to a role: every entry carries {@code allocation_info{role}}. */
    public List<Resource> allocatedTo(String role) {
        List<Resource> out = new ArrayList<>(entries.size());
        for (Resource r : toList()) {
            out.add(r.toBuilder()
                    .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role))
                    .build());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources other && other.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (Resource r : toList()) {
            if (sb.length() > 1) sb.append("; ");
            sb.append(ResourceFormat.describe(r));
        }
        return sb.append(']').toString();
    }
}

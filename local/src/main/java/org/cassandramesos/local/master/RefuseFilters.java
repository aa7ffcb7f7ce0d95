package org.cassandramesos.local.master;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.cassandramesos.local.resources.Resources;

/**
 * A framework's refuse filters, per role × agent: the agent is hidden while what it could offer is
 * a subset of what was refused and the filter has not expired. REVIVE clears them.
 */
final class RefuseFilters {
    private record Key(String role, String agentId) {}

    private record Filter(Resources refused, Instant until) {}

    private final Map<Key, Filter> filters = new HashMap<>();

    void refuse(String role, String agentId, Resources refused, Instant until) {
        filters.merge(
                new Key(role, agentId),
                new Filter(refused, until),
                (old, neu) -> old.until.isAfter(neu.until)
                        ? new Filter(old.refused.plus(neu.refused), old.until)
                        : new Filter(neu.refused.plus(old.refused), neu.until));
    }

    boolean filters(String role, String agentId, Resources offerable, Instant now) {
        Key key = new Key(role, agentId);
        Filter f = filters.get(key);
        if (f == null) return false;
        if (!f.until.isAfter(now)) {
            filters.remove(key);
            return false;
        }
        return f.refused.contains(offerable);
    }

    void clear(String role) {
        filters.keySet().removeIf(k -> role == null || k.role.equals(role));
    }
}

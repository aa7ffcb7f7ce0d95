package org.cassandramesos.executor.jobs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which keyspaces a repair, cleanup or upgradesstables works on. */
final class KeyspaceSelection {
    /** Cassandra's own keyspaces: node-local or managed by Cassandra, never the default target of a job. */
    static final Set<String> SYSTEM = Set.of(
            "system",
            "system_schema",
            "system_auth",
            "system_distributed",
            "system_traces",
            "system_views",
            "system_virtual_schema",
            "system_cluster_metadata");

    private KeyspaceSelection() {}

    /**
     * @param requested what the request names; empty: every non-system keyspace
     * @param existing  the keyspaces in the node's schema
     * @throws IllegalArgumentException naming the requested keyspaces that do not exist
     */
    static List<String> select(List<String> requested, List<String> existing) {
        if (requested.isEmpty()) {
            return existing.stream().filter(k -> !SYSTEM.contains(k)).sorted().toList();
        }
        List<String> missing =
                requested.stream().filter(k -> !existing.contains(k)).distinct().toList();
        if (missing.size() == 1) {
            throw new IllegalArgumentException("keyspace '" + missing.get(0) + "' does not exist");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("keyspaces "
                    + missing.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")) + " do not exist");
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }
}

package org.cassandramesos.scheduler.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;

/**
 * Whether {@code remaining} nodes of a datacenter can hold every keyspace at its replication factor, as Cassandra
 * counts it before a decommission (it refuses one that leaves fewer nodes than a keyspace's replicas): a keyspace with
 * {@code LocalStrategy} (system, system_schema) lives on every node by itself and needs none; {@code SimpleStrategy}
 * needs {@code replication_factor} nodes; {@code NetworkTopologyStrategy} needs its factor for this datacenter (other
 * datacenters are not ours to shrink). A factor written as {@code "3/1"} (transient replicas) counts all its 3
 * replicas, as Cassandra's decommission check does ({@code StorageService.decommission}: "Not enough live nodes to
 * maintain replication factor"). Pure.
 */
public final class ReplicationCheck {
    private ReplicationCheck() {}

    /** Why {@code remaining} nodes in {@code datacenter} cannot hold the keyspaces; empty when they can. */
    public static List<String> shortfalls(List<KeyspaceReplication> keyspaces, String datacenter, int remaining) {
        List<String> shortfalls = new ArrayList<>();
        for (KeyspaceReplication keyspace : keyspaces) {
            int factor = factor(keyspace.replication(), datacenter);
            if (factor > remaining) {
                shortfalls.add("keyspace " + keyspace.name() + " has replication factor " + factor + " in "
                        + datacenter + " (" + strategy(keyspace.replication()) + "), more than the " + remaining
                        + " node(s) that would remain");
            }
        }
        return shortfalls;
    }

    /** The replicas a keyspace keeps in {@code datacenter}; 0 for a strategy that needs no node count. */
    static int factor(Map<String, String> replication, String datacenter) {
        String strategy = strategy(replication);
        return switch (strategy) {
            case "SimpleStrategy" -> all(replication.get("replication_factor"));
            case "NetworkTopologyStrategy" -> all(replication.get(datacenter));
            default -> 0; // LocalStrategy, EverywhereStrategy: on every node whatever the count
        };
    }

    private static String strategy(Map<String, String> replication) {
        String type = replication.getOrDefault("class", "");
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static int all(String factor) {
        if (factor == null || factor.isBlank()) {
            return 0;
        }
        String replicas = factor.contains("/") ? factor.substring(0, factor.indexOf('/')) : factor;
        try {
            return Integer.parseInt(replicas.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // unreadable: never shrink below what we cannot read
        }
    }
}

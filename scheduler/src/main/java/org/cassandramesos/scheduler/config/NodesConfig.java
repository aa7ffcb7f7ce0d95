package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many Cassandra nodes run and what each one gets.
 *
 * @param count  number of nodes ({@code node-0 … node-(count-1)})
 * @param seeds  the first {@code seeds} nodes are seeds and are deployed first
 * @param cpus   cpus for the Cassandra task (executor resources come on top)
 * @param memMb  memory for the Cassandra task in MB; must exceed the heap
 * @param diskMb persistent volume size in MB
 * @param heapMb JVM heap in MB
 * @param diskType ROOT (a slice of the agent's disk) or MOUNT (a whole dedicated disk of at least diskMb)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodesConfig(
        @JsonProperty("count") int count,
        @JsonProperty("seeds") int seeds,
        @JsonProperty("cpus") double cpus,
        @JsonProperty("mem_mb") int memMb,
        @JsonProperty("disk_mb") int diskMb,
        @JsonProperty("heap_mb") int heapMb,
        @JsonProperty("disk_type") DiskType diskType) {

    public NodesConfig {
        diskType = diskType == null ? DiskType.ROOT : diskType;
    }

    public static NodesConfig defaults() {
        return new NodesConfig(3, 2, 1.0, 4096, 10240, 2048, DiskType.ROOT);
    }

    public NodesConfig withCount(int value) {
        return new NodesConfig(value, seeds, cpus, memMb, diskMb, heapMb, diskType);
    }

    public NodesConfig withSeeds(int value) {
        return new NodesConfig(count, value, cpus, memMb, diskMb, heapMb, diskType);
    }

    public NodesConfig withResources(double newCpus, int newMemMb, int newDiskMb, int newHeapMb) {
        return new NodesConfig(count, seeds, newCpus, newMemMb, newDiskMb, newHeapMb, diskType);
    }

    public NodesConfig withDiskType(DiskType value) {
        return new NodesConfig(count, seeds, cpus, memMb, diskMb, heapMb, value);
    }

    /** Whether {@code node} is one of the first {@code seeds} nodes (at least one, at most all). */
    public boolean isSeed(String node) {
        int seedCount = Math.min(Math.max(seeds, 1), count);
        for (int i = 0; i < seedCount; i++) {
            if (nodeName(i).equals(node)) {
                return true;
            }
        }
        return false;
    }

    /** The index of {@code node-i}; -1 for any other name. */
    public static int nodeIndex(String node) {
        if (node == null || !node.startsWith("node-")) {
            return -1;
        }
        String digits = node.substring("node-".length());
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** {@code node-i}: the names steps, tasks and reservations are keyed by. */
    public static String nodeName(int index) {
        return "node-" + index;
    }
}

package org.cassandramesos.scheduler.config;

/**
 * Where a node's persistent volume lives: a slice of the agent's root disk, or a whole dedicated
 * MOUNT disk (Mesos offers those only whole; better I/O isolation for Cassandra).
 */
public enum DiskType {
    ROOT,
    MOUNT
}

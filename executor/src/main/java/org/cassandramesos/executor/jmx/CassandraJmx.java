package org.cassandramesos.executor.jmx;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the executor asks of a running Cassandra node, over JMX (no nodetool subprocess). Every call has a timeout
 * and fails with {@link JmxException} carrying a readable message.
 */
public interface CassandraJmx extends AutoCloseable {

    NodeStatus status();

    /** Flushes memtables and stops accepting writes: the node must be restarted afterwards. */
    void drain(Duration timeout);

    void takeSnapshot(String tag, List<String> keyspaces);

    void clearSnapshot(String tag, List<String> keyspaces);

    List<SnapshotDetail> listSnapshots();

    /** Starts a repair; the future completes when Cassandra reports it complete (or failed). */
    CompletableFuture<RepairOutcome> repair(String keyspace, Map<String, String> options);

    void cleanup(String keyspace, List<String> tables, Duration timeout);

    /** Rewrites the keyspace's SSTables that are not in the current format (nodetool upgradesstables). */
    void upgradeSSTables(String keyspace, List<String> tables, Duration timeout);

    /** Every keyspace in the schema, system ones included. */
    List<String> keyspaces();

    /** Ends every repair session this node coordinates or takes part in (nodetool repair_admin cancel, all). */
    void terminateRepairs();

    /**
     * Stops running compaction-manager operations of one type ({@code CLEANUP}, {@code UPGRADE_SSTABLES}, ...: the
     * names of Cassandra's OperationType); the call running them then fails.
     */
    void stopCompactions(String operationType);

    void flush(String keyspace, List<String> tables);

    /** Loads SSTables found in the table's own data directories (nodetool refresh). */
    void refresh(String keyspace, String table);

    /**
     * Imports SSTables from {@code sourceDirs} into the table (nodetool import), copying them so the sources stay.
     * Returns the directories that failed to import (empty on success).
     */
    List<String> importSSTables(String keyspace, String table, Set<String> sourceDirs, Duration timeout);

    /**
     * Streams this node's data away and leaves the ring. Cassandra refuses when fewer nodes than a keyspace's
     * replication factor would remain, unless {@code force}.
     */
    void decommission(boolean force, Duration timeout);

    /** The ring's members as this node's gossip knows them: IP address (no port) → host id. */
    Map<String, String> hostIdsByAddress();

    /**
     * nodetool removenode: the ranges of the dead member {@code hostId} are streamed from the other replicas to their
     * new owners and the member leaves the ring. Cassandra refuses for a live member or this node's own id.
     */
    void removeNode(String hostId, Duration timeout);

    @Override
    void close();
}

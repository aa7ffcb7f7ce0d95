package org.cassandramesos.executor.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cassandramesos.executor.jmx.RepairOutcome;
import org.cassandramesos.executor.node.CassandraNode;

/** Repair, cleanup and upgradesstables of one keyspace, over JMX, each bounded. */
public final class KeyspaceOperations {
    /** How long one keyspace may take: large enough for big nodes, small enough that nothing hangs forever. */
    public static final Duration PER_KEYSPACE = Duration.ofHours(12);
    /** How long a stopped repair may take to confirm it ended before the job stops waiting for it. */
    static final Duration STOP_CONFIRMATION = Duration.ofSeconds(60);

    private KeyspaceOperations() {}

    /**
     * Full repair of the node's primary ranges (the scheduler repairs every node, so each range is repaired once),
     * replicas in parallel; keyspaces with replication factor 1 have nothing to repair and are skipped.
     */
    public static KeyspaceJob.Operation repair(Duration perKeyspace) {
        return new KeyspaceJob.Operation() {
            @Override
            public String verb() {
                return "repair";
            }

            @Override
            public void run(CassandraNode node, String keyspace, List<String> tables, JobContext context)
                    throws Exception {
                CompletableFuture<RepairOutcome> repair =
                        node.withJmx(jmx -> jmx.repair(keyspace, repairOptions(tables)));
                RepairOutcome outcome = await(repair, keyspace, perKeyspace, context, node);
                if (!outcome.success()) {
                    List<String> messages = outcome.messages();
                    throw new IllegalStateException("repair of keyspace '" + keyspace + "' failed: "
                            + String.join("; ", messages.subList(Math.max(0, messages.size() - 3), messages.size())));
                }
            }

            @Override
            public void stop(CassandraNode node) {
                node.withJmx(jmx -> {
                    jmx.terminateRepairs();
                    return null;
                });
            }
        };
    }

    public static KeyspaceJob.Operation cleanup(Duration perKeyspace) {
        return compaction(
                "cleanup",
                "CLEANUP",
                (node, keyspace, tables) -> node.withJmx(jmx -> {
                    jmx.cleanup(keyspace, tables, perKeyspace);
                    return null;
                }));
    }

    /** Rewrites only SSTables not already in the current format. */
    public static KeyspaceJob.Operation upgradeSSTables(Duration perKeyspace) {
        return compaction(
                "upgradesstables",
                "UPGRADE_SSTABLES",
                (node, keyspace, tables) -> node.withJmx(jmx -> {
                    jmx.upgradeSSTables(keyspace, tables, perKeyspace);
                    return null;
                }));
    }

    static Map<String, String> repairOptions(List<String> tables) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("primaryRange", "true");
        options.put("incremental", "false");
        options.put("parallelism", "parallel");
        options.put("ignoreUnreplicatedKeyspaces", "true");
        if (!tables.isEmpty()) {
            options.put("columnFamilies", String.join(",", tables));
        }
        return options;
    }

    private interface BlockingCall {
        void run(CassandraNode node, String keyspace, List<String> tables);
    }

    /** An operation Cassandra runs in its compaction manager, stopped with stopCompaction(type). */
    private static KeyspaceJob.Operation compaction(String verb, String operationType, BlockingCall call) {
        return new KeyspaceJob.Operation() {
            @Override
            public String verb() {
                return verb;
            }

            @Override
            public void run(CassandraNode node, String keyspace, List<String> tables, JobContext context) {
                call.run(node, keyspace, tables);
            }

            @Override
            public void stop(CassandraNode node) {
                node.withJmx(jmx -> {
                    jmx.stopCompactions(operationType);
                    return null;
                });
            }
        };
    }

    private static RepairOutcome await(
            CompletableFuture<RepairOutcome> repair,
            String keyspace,
            Duration limit,
            JobContext context,
            CassandraNode node)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long stopSeenAt = 0;
        while (true) {
            try {
                return repair.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException stillRunning) {
                long now = System.nanoTime();
                if (context.stopRequested()) {
                    stopSeenAt = stopSeenAt == 0 ? now : stopSeenAt;
                    if (now - stopSeenAt > STOP_CONFIRMATION.toNanos()) {
                        throw new JobStoppedException(
                                "repair of keyspace '" + keyspace + "' was told to stop; Cassandra "
                                        + "did not confirm within " + STOP_CONFIRMATION.toSeconds() + " s");
                    }
                } else if (now > deadline) {
                    node.withJmx(jmx -> {
                        jmx.terminateRepairs();
                        return null;
                    });
                    throw new TimeoutException("repair of keyspace '" + keyspace + "' did not finish within " + limit
                            + ": its sessions were terminated");
                }
            }
        }
    }
}

package org.cassandramesos.executor.mesos;

import java.util.Map;
import java.util.function.Function;
import org.cassandramesos.executor.backup.BackupJob;
import org.cassandramesos.executor.backup.RestoreJob;
import org.cassandramesos.executor.jobs.KeyspaceJob;
import org.cassandramesos.executor.jobs.KeyspaceOperations;
import org.cassandramesos.executor.jobs.NodeJob;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;

/**
 * The jobs this executor runs, by kind: one line per kind. A kind missing here is answered 400 by the node API. Part of
 * the executor's wiring, beside {@link CassandraExecutor}: it names jobs of every package ({@code jobs}, {@code backup}),
 * which themselves build on {@code jobs}.
 */
public final class NodeJobKinds {
    private NodeJobKinds() {}

    public static Map<JobKind, Function<JobRequest, NodeJob>> all() {
        return Map.of(
                JobKind.REPAIR, request -> new KeyspaceJob(KeyspaceOperations.repair(KeyspaceOperations.PER_KEYSPACE)),
                JobKind.CLEANUP,
                        request -> new KeyspaceJob(KeyspaceOperations.cleanup(KeyspaceOperations.PER_KEYSPACE)),
                JobKind.UPGRADESSTABLES,
                        request -> new KeyspaceJob(KeyspaceOperations.upgradeSSTables(KeyspaceOperations.PER_KEYSPACE)),
                JobKind.BACKUP, BackupJob::new,
                JobKind.RESTORE, RestoreJob::new);
    }
}

package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;

/**
 * A validated start request. {@code backup} may carry S3 keys: this value lives in memory only; what is
 * stored is {@link #toOperation}, which has no place for them.
 */
public record OperationRequest(
        JobKind kind, List<String> nodes, List<String> keyspaces, List<String> tables, Optional<BackupTarget> backup) {

    public OperationRequest {
        nodes = List.copyOf(nodes);
        keyspaces = List.copyOf(keyspaces);
        tables = List.copyOf(tables);
    }

    Operation toOperation(java.util.UUID id, long nowMs) {
        return new Operation(
                id,
                kind,
                nodes,
                keyspaces,
                tables,
                backup.map(BackupTarget::name).orElse(null),
                backup.map(BackupTarget::location).orElse(null),
                nowMs,
                false);
    }
}

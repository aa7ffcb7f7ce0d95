package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One job for one node. {@code id} is chosen by the scheduler and stable across its restarts (the operation id and the
 * node name), so sending the same request twice never runs the work twice at once.
 *
 * @param keyspaces empty: every non-system keyspace
 * @param tables    empty: every table of those keyspaces
 * @param backup    for {@link JobKind#BACKUP} and {@link JobKind#RESTORE} only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRequest(
        @JsonProperty("id") String id,
        @JsonProperty("kind") JobKind kind,
        @JsonProperty("keyspaces") List<String> keyspaces,
        @JsonProperty("tables") List<String> tables,
        @JsonProperty("backup") BackupTarget backup) {

    public JobRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        keyspaces = keyspaces == null ? List.of() : List.copyOf(keyspaces);
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (kind.needsBackupTarget() && backup == null) {
            throw new IllegalArgumentException(kind.wireName() + " needs a backup target");
        }
    }

    public static JobRequest of(String id, JobKind kind, List<String> keyspaces, List<String> tables) {
        return new JobRequest(id, kind, keyspaces, tables, null);
    }
}

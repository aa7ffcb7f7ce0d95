package org.cassandramesos.scheduler.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.cassandramesos.protocol.jobs.JobKind;

/**
 * An operation as stored in ZooKeeper ({@code /operations/current}): what was asked, without any secret.
 * S3 keys live only in the scheduler's memory ({@link OperationManager}); this record cannot hold them.
 *
 * @param id         stable id; job ids on the nodes derive from it
 * @param kind       repair, cleanup, upgradesstables, backup or restore
 * @param nodes      the nodes it runs on, in order ({@code *} already expanded)
 * @param keyspaces  empty: every non-system keyspace
 * @param tables     empty: every table
 * @param backupName backup and restore only
 * @param location   backup and restore only
 * @param startedMs  epoch milliseconds
 * @param stopped    an operator stopped it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Operation(
        @JsonProperty("id") UUID id,
        @JsonProperty("kind") JobKind kind,
        @JsonProperty("nodes") List<String> nodes,
        @JsonProperty("keyspaces") List<String> keyspaces,
        @JsonProperty("tables") List<String> tables,
        @JsonProperty("backup_name") String backupName,
        @JsonProperty("external_location") String location,
        @JsonProperty("started_ms") long startedMs,
        @JsonProperty("stopped") boolean stopped) {

    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        nodes = List.copyOf(nodes);
        keyspaces = keyspaces == null ? List.of() : List.copyOf(keyspaces);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** The plan's name: the operation's kind ({@code /v1/plans/repair}). */
    public String planName() {
        return kind.wireName();
    }

    /** The job id of a node's attempt: {@code <op-id>-<node>-<attempt token>}, persisted before it is sent. */
    public String jobId(String node, String attemptToken) {
        return id + "-" + node + "-" + attemptToken;
    }

    public Operation stop() {
        return new Operation(id, kind, nodes, keyspaces, tables, backupName, location, startedMs, true);
    }
}

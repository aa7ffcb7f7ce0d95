package org.cassandramesos.scheduler.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobState;

/**
 * {@code GET /v1/<op>/status}: the latest operation of that kind and each node's step and job progress.
 *
 * @param state NONE (no such operation yet), RUNNING, COMPLETE, FAILED (a step is in ERROR: restart or
 *              force-complete it, or stop the operation) or STOPPED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationStatus(
        @JsonProperty("operation") String operation,
        @JsonProperty("id") String id,
        @JsonProperty("state") String state,
        @JsonProperty("plan_status") String planStatus,
        @JsonProperty("started_ms") Long startedMs,
        @JsonProperty("backup_name") String backupName,
        @JsonProperty("external_location") String location,
        @JsonProperty("key_spaces") List<String> keyspaces,
        @JsonProperty("column_families") List<String> tables,
        @JsonProperty("nodes") Map<String, NodeProgress> nodes) {

    public static OperationStatus none(String operation) {
        return new OperationStatus(operation, null, "NONE", null, null, null, null, null, null, Map.of());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeProgress(
            @JsonProperty("status") String status,
            @JsonProperty("message") String message,
            @JsonProperty("job_id") String jobId,
            @JsonProperty("job_state") JobState jobState,
            @JsonProperty("progress") JobProgress progress) {}
}

package org.cassandramesos.scheduler.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A backup in the list ({@code GET /v1/backups}).
 *
 * @param created   earliest snapshot time of its nodes (ISO-8601), null before any node has a manifest
 * @param completed latest completion of its nodes (ISO-8601), null before any node has a manifest
 * @param complete  every node with objects in the backup has its manifest
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupSummary(
        @JsonProperty("name") String name,
        @JsonProperty("nodes") List<String> nodes,
        @JsonProperty("created") String created,
        @JsonProperty("completed") String completed,
        @JsonProperty("files") int files,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("complete") boolean complete) {}

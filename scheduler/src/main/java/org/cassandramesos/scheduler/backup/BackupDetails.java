package org.cassandramesos.scheduler.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One backup ({@code GET /v1/backups/{name}}): the {@link BackupSummary} totals and each node's part. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupDetails(
        @JsonProperty("name") String name,
        @JsonProperty("created") String created,
        @JsonProperty("completed") String completed,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("files") int files,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("nodes") List<NodePart> nodes) {

    /**
     * @param complete     the node's manifest exists (it is written last)
     * @param schema       the node's schema.cql is stored
     * @param deletedFiles files deleted through the API (their paths can never be written again)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NodePart(
            @JsonProperty("node") String node,
            @JsonProperty("complete") boolean complete,
            @JsonProperty("files") int files,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("created") String created,
            @JsonProperty("completed") String completed,
            @JsonProperty("schema") boolean schema,
            @JsonProperty("deleted_files") int deletedFiles) {}
}

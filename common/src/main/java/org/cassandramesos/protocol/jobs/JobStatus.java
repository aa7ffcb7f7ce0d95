package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A job as its executor sees it.
 *
 * @param message    what it is doing now, or why it failed
 * @param startedMs  epoch milliseconds
 * @param finishedMs epoch milliseconds once terminal, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(
        @JsonProperty("id") String id,
        @JsonProperty("kind") JobKind kind,
        @JsonProperty("state") JobState state,
        @JsonProperty("message") String message,
        @JsonProperty("started_ms") long startedMs,
        @JsonProperty("finished_ms") Long finishedMs,
        @JsonProperty("progress") JobProgress progress) {

    public JobStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        progress = progress == null ? JobProgress.NONE : progress;
    }
}

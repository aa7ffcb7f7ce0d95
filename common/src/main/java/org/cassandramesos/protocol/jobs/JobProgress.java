package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far a job got. For backup and restore: files and bytes to move, moved, and skipped because the store already
 * held them (content-addressed); for repair, cleanup and upgradesstables: keyspaces as "files".
 */
public record JobProgress(
        @JsonProperty("files_total") long filesTotal,
        @JsonProperty("files_done") long filesDone,
        @JsonProperty("files_skipped") long filesSkipped,
        @JsonProperty("bytes_total") long bytesTotal,
        @JsonProperty("bytes_done") long bytesDone) {

    public static final JobProgress NONE = new JobProgress(0, 0, 0, 0, 0);

    /** Files still waiting to be moved: the seed 001 {@code _status} queue length. */
    @JsonProperty("queue_length")
    public long queueLength() {
        return Math.max(0, filesTotal - filesDone - filesSkipped);
    }
}

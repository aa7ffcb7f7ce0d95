package org.cassandramesos.scheduler.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Bounds of the backups API ({@code backup_api} in scheduler.yml).
 *
 * @param maxFileMb largest file a {@code PUT /v1/backups/{name}/files/{path}} may send (MiB); more is a 413
 * @param s3Timeout bound on each S3 call; a file transfer gets this long per started 64 MiB
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupApiSettings(
        @JsonProperty("max_file_mb") Long maxFileMb,
        @JsonProperty("s3_timeout") Duration s3Timeout) {

    public BackupApiSettings {
        maxFileMb = maxFileMb == null ? 16384L : maxFileMb;
        s3Timeout = s3Timeout == null ? Duration.ofSeconds(30) : s3Timeout;
        if (maxFileMb < 1) {
            throw new IllegalArgumentException("backup_api.max_file_mb must be at least 1");
        }
    }

    public static BackupApiSettings defaults() {
        return new BackupApiSettings(null, null);
    }

    public long maxFileBytes() {
        return maxFileMb * 1024 * 1024;
    }
}

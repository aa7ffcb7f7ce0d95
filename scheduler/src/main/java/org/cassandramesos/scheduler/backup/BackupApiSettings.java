package org.cassandramesos.scheduler.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Bounds of the backups API ({@code backup_api} in scheduler.yml).
 *
 * @param maxFileMb            largest file a {@code PUT /v1/backups/{name}/files/{path}} may send (MiB); more is a 413
 * @param s3Timeout            bound on each S3 call; a file transfer gets this long per started 64 MiB
 * @param maxConcurrentUploads file uploads spooling at once; one more is a 503 with Retry-After
 * @param spoolBudgetMb        temporary disk the uploads in progress may use together (MiB); at least
 *                             {@code maxFileMb}; an upload that does not fit is a 503 with Retry-After
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupApiSettings(
        @JsonProperty("max_file_mb") Long maxFileMb,
        @JsonProperty("s3_timeout") Duration s3Timeout,
        @JsonProperty("max_concurrent_uploads") Integer maxConcurrentUploads,
        @JsonProperty("spool_budget_mb") Long spoolBudgetMb) {

    public BackupApiSettings {
        maxFileMb = maxFileMb == null ? 1024L : maxFileMb;
        s3Timeout = s3Timeout == null ? Duration.ofSeconds(30) : s3Timeout;
        maxConcurrentUploads = maxConcurrentUploads == null ? 4 : maxConcurrentUploads;
        spoolBudgetMb = spoolBudgetMb == null ? 4096L : spoolBudgetMb;
        if (maxFileMb < 1) {
            throw new IllegalArgumentException("backup_api.max_file_mb must be at least 1");
        }
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException("backup_api.max_concurrent_uploads must be at least 1");
        }
        if (spoolBudgetMb < maxFileMb) {
            throw new IllegalArgumentException("backup_api.spool_budget_mb (" + spoolBudgetMb
                    + ") must be at least backup_api.max_file_mb (" + maxFileMb + ")");
        }
    }

    public static BackupApiSettings defaults() {
        return new BackupApiSettings(null, null, null, null);
    }

    public long spoolBudgetBytes() {
        return spoolBudgetMb * 1024 * 1024;
    }

    public long maxFileBytes() {
        return maxFileMb * 1024 * 1024;
    }
}

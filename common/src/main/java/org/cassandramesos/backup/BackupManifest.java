package org.cassandramesos.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One node's part of a backup ({@link BackupLayout#manifestKey}): every file with its size and checksums. The content
 * of a file is the blob named by its sha256. Files deleted through the backup API stay listed in {@code deleted} so a
 * later PUT of the same path is refused (409).
 *
 * @param createdMs   epoch milliseconds the snapshot was taken
 * @param completedMs epoch milliseconds the last file was stored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupManifest(
        @JsonProperty("backup") String backup,
        @JsonProperty("node") String node,
        @JsonProperty("cassandra_version") String cassandraVersion,
        @JsonProperty("created_ms") long createdMs,
        @JsonProperty("completed_ms") long completedMs,
        @JsonProperty("files") List<File> files,
        @JsonProperty("deleted") List<String> deleted) {

    public BackupManifest {
        files = files == null ? List.of() : List.copyOf(files);
        deleted = deleted == null ? List.of() : List.copyOf(deleted);
    }

    public Optional<File> file(String pathInNode) {
        return files.stream().filter(f -> f.path().equals(pathInNode)).findFirst();
    }

    public long totalBytes() {
        return files.stream().mapToLong(File::size).sum();
    }

    /**
     * @param path   relative to the node: {@code <keyspace>/<table>/<file>} or {@code schema.cql}
     * @param sha256 lower-case hex; names the blob
     * @param sha1   lower-case hex; the seed 001 {@code X-Content-SHA1}
     */
    public record File(
            @JsonProperty("path") String path,
            @JsonProperty("size") long size,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("sha1") String sha1) {}
}

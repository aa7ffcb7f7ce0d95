package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a backup goes or a restore comes from. The keys travel only in memory and in the request to the node API; when
 * absent, the executor uses its default AWS credential chain. {@link #toString()} never shows them.
 *
 * @param name     the backup name ({@code [A-Za-z0-9._-]+})
 * @param location {@code s3://bucket/prefix} or {@code http(s)://host:port/bucket/prefix}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupTarget(
        @JsonProperty("backup_name") String name,
        @JsonProperty("external_location") String location,
        @JsonProperty("s3_access_key") String accessKey,
        @JsonProperty("s3_secret_key") String secretKey) {

    public BackupTarget {
        Objects.requireNonNull(name, "backup_name");
        Objects.requireNonNull(location, "external_location");
    }

    @JsonIgnore
    public Optional<StaticKeys> keys() {
        return accessKey == null || secretKey == null ? Optional.empty() : Optional.of(new StaticKeys(accessKey, secretKey));
    }

    public BackupTarget withoutKeys() {
        return new BackupTarget(name, location, null, null);
    }

    @Override
    public String toString() {
        return "BackupTarget[" + name + " at " + location + (keys().isPresent() ? ", with keys" : "") + "]";
    }

    /** An access key pair; never printed. */
    public record StaticKeys(String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "StaticKeys[redacted]";
        }
    }
}

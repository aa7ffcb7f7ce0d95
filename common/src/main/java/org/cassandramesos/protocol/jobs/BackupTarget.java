package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a backup goes or a restore comes from. The keys travel only in memory and in the request to the node API; when
 * absent, the executor signs with its default AWS credential chain (environment, profile, instance role) only if
 * {@code defaultCredentials} says so, which the scheduler does for the operator's configured location alone: a
 * caller's location never gets the executor's own credentials. Otherwise requests go unsigned. {@link #toString()}
 * never shows the keys.
 *
 * @param name               the backup name ({@code [A-Za-z0-9._-]+})
 * @param location           {@code s3://bucket/prefix} or {@code http(s)://host:port/bucket/prefix}
 * @param defaultCredentials whether the executor may use its default AWS credential chain when no keys are given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupTarget(
        @JsonProperty("backup_name") String name,
        @JsonProperty("external_location") String location,
        @JsonProperty("s3_access_key") String accessKey,
        @JsonProperty("s3_secret_key") String secretKey,
        @JsonProperty("default_credentials") boolean defaultCredentials) {

    public BackupTarget {
        Objects.requireNonNull(name, "backup_name");
        Objects.requireNonNull(location, "external_location");
    }

    /** A target that never falls back to the executor's default credential chain. */
    public BackupTarget(String name, String location, String accessKey, String secretKey) {
        this(name, location, accessKey, secretKey, false);
    }

    @JsonIgnore
    public Optional<StaticKeys> keys() {
        return accessKey == null || secretKey == null
                ? Optional.empty()
                : Optional.of(new StaticKeys(accessKey, secretKey));
    }

    public BackupTarget withoutKeys() {
        return new BackupTarget(name, location, null, null, defaultCredentials);
    }

    @Override
    public String toString() {
        return "BackupTarget[" + name + " at " + location
                + (keys().isPresent() ? ", with keys" : defaultCredentials ? ", default credentials" : "") + "]";
    }

    /** An access key pair; never printed. */
    public record StaticKeys(String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "StaticKeys[redacted]";
        }
    }
}

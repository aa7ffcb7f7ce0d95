package org.cassandramesos.scheduler.ops;

import java.util.Optional;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;

/**
 * The scheduler's configured backup location and keys (env {@code BACKUP_LOCATION},
 * {@code BACKUP_S3_ACCESS_KEY_ID}, {@code BACKUP_S3_SECRET_ACCESS_KEY}): a backup or restore request
 * without a location uses them. The keys come from the environment, so unlike keys given in a request they
 * survive a scheduler restart; they are used only for the configured location.
 */
public record BackupDefaults(Optional<String> location, Optional<StaticKeys> keys) {
    public static final BackupDefaults NONE = new BackupDefaults(Optional.empty(), Optional.empty());

    public static BackupDefaults of(String location, String accessKey, String secretKey) {
        Optional<String> where = Optional.ofNullable(location).filter(s -> !s.isBlank());
        Optional<StaticKeys> keys = accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()
                ? Optional.empty() : Optional.of(new StaticKeys(accessKey, secretKey));
        return new BackupDefaults(where, where.isPresent() ? keys : Optional.empty());
    }

    /** The configured keys, if {@code location} is the configured location. */
    public Optional<StaticKeys> keysFor(String location) {
        return this.location.filter(location::equals).flatMap(l -> keys);
    }

    /**
     * The target a job gets for {@code location} when the caller gave no keys: the configured keys at the configured
     * location; no keys elsewhere. Only the configured location may use the executor's default AWS credential chain.
     */
    public BackupTarget target(String name, String location) {
        boolean configured = this.location.filter(location::equals).isPresent();
        return keysFor(location)
                .map(k -> new BackupTarget(name, location, k.accessKey(), k.secretKey(), false))
                .orElseGet(() -> new BackupTarget(name, location, null, null, configured));
    }

    @Override
    public String toString() {
        return "BackupDefaults[" + location.orElse("none") + (keys.isPresent() ? ", with keys" : "") + "]";
    }
}

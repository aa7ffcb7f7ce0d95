package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.protocol.secrets.SecretBundle;

/**
 * The operator's configured backup location as this executor knows it (location and keys, if any, arrive with its
 * secrets): where seed 000's {@code POST /restore} finds a backup by name. Without keys the executor signs with
 * its default AWS credential chain, as the scheduler allows for the configured location alone.
 */
public record BackupSource(String location, Optional<StaticKeys> keys) {
    public BackupSource {
        BackupLocation.parse(location); // fails at launch, not at the first restore
    }

    /** The configured location among this executor's secrets, if any, with its keys. */
    public static Optional<BackupSource> of(Map<String, String> secrets) {
        String access = secrets.get(SecretBundle.BACKUP_ACCESS_KEY);
        String secret = secrets.get(SecretBundle.BACKUP_SECRET_KEY);
        Optional<StaticKeys> keys =
                access == null || secret == null ? Optional.empty() : Optional.of(new StaticKeys(access, secret));
        return Optional.ofNullable(secrets.get(SecretBundle.BACKUP_LOCATION))
                .map(location -> new BackupSource(location, keys));
    }

    /** The target of a restore of backup {@code name} from here. */
    public BackupTarget target(String name) {
        return keys.map(k -> new BackupTarget(name, location, k.accessKey(), k.secretKey(), false))
                .orElseGet(() -> new BackupTarget(name, location, null, null, true));
    }

    /**
     * Whether backup {@code name} holds a part of {@code node} here (its manifest and schema, not deleted).
     *
     * @throws IOException when the location cannot be read (unreachable, no such bucket, refused credentials)
     */
    public boolean holds(String name, String node) throws IOException {
        try (BlobStore store = BlobStore.open(target(name), 4)) {
            RestoreJob.readPart(store, name, node);
            return true;
        } catch (IllegalStateException missing) {
            return false; // deleted, or no manifest or schema for this node
        }
    }

    @Override
    public String toString() {
        return "BackupSource[" + location + (keys.isPresent() ? ", with keys" : ", default credentials") + "]";
    }
}

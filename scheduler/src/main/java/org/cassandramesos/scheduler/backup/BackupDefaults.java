package org.cassandramesos.scheduler.backup;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;

/**
 * The operator's backup settings: the configured location and keys (env {@code BACKUP_LOCATION},
 * {@code BACKUP_S3_ACCESS_KEY_ID}, {@code BACKUP_S3_SECRET_ACCESS_KEY}) and the other locations callers may name
 * ({@code BACKUP_ALLOWED_LOCATIONS}). A request without a location uses the configured one. The configured keys come
 * from the environment, so unlike keys given in a request they survive a scheduler restart; they are used only for the
 * configured location. Only the configured location may use the executors' default AWS credential chain: a caller's
 * location must come with its own keys, so a request can never make executors sign with the agent's identity for a
 * host the caller chose.
 */
public record BackupDefaults(Optional<String> location, Optional<StaticKeys> keys, List<BackupLocation> allowed) {
    public static final BackupDefaults NONE = new BackupDefaults(Optional.empty(), Optional.empty(), List.of());

    public BackupDefaults {
        allowed = List.copyOf(allowed);
    }

    public static BackupDefaults of(String location, String accessKey, String secretKey) {
        return of(location, accessKey, secretKey, "");
    }

    /** @param allowedLocations comma-separated locations (and prefixes) callers may use besides {@code location} */
    public static BackupDefaults of(String location, String accessKey, String secretKey, String allowedLocations) {
        Optional<String> where =
                Optional.ofNullable(location).filter(s -> !s.isBlank()).map(String::trim);
        where.ifPresent(BackupLocation::parse);
        Optional<StaticKeys> keys = accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()
                ? Optional.empty()
                : Optional.of(new StaticKeys(accessKey, secretKey));
        List<BackupLocation> allowed = allowedLocations == null
                ? List.of()
                : Arrays.stream(allowedLocations.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(BackupLocation::parse)
                        .toList();
        return new BackupDefaults(where, where.isPresent() ? keys : Optional.empty(), allowed);
    }

    /** The configured keys, if {@code location} is the configured location. */
    public Optional<StaticKeys> keysFor(String location) {
        return isConfigured(location) ? keys : Optional.empty();
    }

    /** Whether {@code location} is the configured one (and so may use its keys or the default credential chain). */
    public boolean isConfigured(String location) {
        return this.location.isPresent() && this.location.get().equals(location);
    }

    /**
     * @throws IllegalArgumentException unless {@code location} is the configured location or lies under an allowed one
     */
    public BackupLocation requireAllowed(String location) {
        BackupLocation parsed = BackupLocation.parse(location);
        if (isConfigured(location) || allowed.stream().anyMatch(a -> contains(a, parsed))) {
            return parsed;
        }
        throw new IllegalArgumentException("external_location '" + parsed + "' is not allowed: use the configured"
                + " BACKUP_LOCATION or a location the operator listed in BACKUP_ALLOWED_LOCATIONS");
    }

    /**
     * The target a job is sent with: the request's keys, else the configured keys of the configured location, else, for
     * the configured location only, none (the executors' default credential chain). Empty when no credential may be used:
     * a caller's location whose keys were lost (they are kept in memory only, so a scheduler restart loses them).
     */
    public Optional<BackupTarget> target(String name, String location, Optional<StaticKeys> requestKeys) {
        Optional<StaticKeys> keys = requestKeys.or(() -> keysFor(location));
        if (keys.isPresent()) {
            return Optional.of(new BackupTarget(
                    name, location, keys.get().accessKey(), keys.get().secretKey(), false));
        }
        return isConfigured(location)
                ? Optional.of(new BackupTarget(name, location, null, null, true))
                : Optional.empty();
    }

    private static boolean contains(BackupLocation outer, BackupLocation inner) {
        if (!outer.endpoint().equals(inner.endpoint()) || !outer.bucket().equals(inner.bucket())) {
            return false;
        }
        return outer.prefix().isEmpty()
                || inner.prefix().equals(outer.prefix())
                || inner.prefix().startsWith(outer.prefix() + "/");
    }

    @Override
    public String toString() {
        return "BackupDefaults[" + location.orElse("none") + (keys.isPresent() ? ", with keys" : "")
                + (allowed.isEmpty() ? "" : ", allowed " + allowed) + "]";
    }
}

package org.cassandramesos.scheduler.backup;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.Optional;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.S3Clients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups API's way to the configured location ({@code BACKUP_LOCATION} and its keys): {@link Backups} and
 * {@link BackupFiles} when a usable location is configured, else the reason why not (every backups route answers it
 * as a 503). The keys live only inside the S3 client.
 */
public final class BackupAccess implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BackupAccess.class);
    /** Parallel S3 requests of the API (uploads and downloads stream through it). */
    private static final int MAX_CONCURRENCY = 32;

    private final Optional<BackupStore> store;
    private final Optional<Backups> backups;
    private final Optional<BackupFiles> files;
    private final String unavailable;
    private final BackupApiSettings settings;
    private final UploadSpool spool;

    private BackupAccess(Optional<BackupStore> store, String unavailable, BackupApiSettings settings) {
        this.store = store;
        this.unavailable = unavailable;
        this.settings = settings;
        this.spool = new UploadSpool(settings.maxConcurrentUploads(), settings.spoolBudgetBytes());
        Clock clock = Clock.systemUTC();
        Optional<BackupObjects> objects = store.map(BackupObjects::new);
        this.backups = objects.map(o -> new Backups(o, new BlobCollector(o), clock));
        ManifestLocks locks = new ManifestLocks();
        this.files = objects.map(o -> new BackupFiles(o, new BlobCollector(o), locks, clock));
    }

    public static BackupAccess configure(BackupDefaults defaults, BackupApiSettings settings) {
        if (defaults.location().isEmpty()) {
            return new BackupAccess(Optional.empty(), "no backup location configured (BACKUP_LOCATION)", settings);
        }
        BackupLocation location;
        try {
            location = BackupLocation.parse(defaults.location().get());
        } catch (IllegalArgumentException e) {
            String reason = "BACKUP_LOCATION is not usable: " + e.getMessage();
            LOG.error("backups API disabled: {}", reason);
            return new BackupAccess(Optional.empty(), reason, settings);
        }
        LOG.info(
                "backups API on {} ({})",
                location,
                defaults.keys().isPresent() ? "configured keys" : "default AWS credentials");
        return of(
                new BackupStore(
                        S3Clients.create(location, defaults.keys(), MAX_CONCURRENCY),
                        new BackupLayout(location),
                        settings.s3Timeout()),
                settings);
    }

    /** Over a given store (tests). */
    public static BackupAccess of(BackupStore store, BackupApiSettings settings) {
        return new BackupAccess(Optional.of(store), null, settings);
    }

    /** @throws BackupUnavailableException when no usable location is configured */
    public Backups backups() {
        return backups.orElseThrow(() -> new BackupUnavailableException(unavailable));
    }

    /** @throws BackupUnavailableException when no usable location is configured */
    public BackupFiles files() {
        return files.orElseThrow(() -> new BackupUnavailableException(unavailable));
    }

    public BackupApiSettings settings() {
        return settings;
    }

    /** The file uploads' share of the scheduler's temporary disk. */
    public UploadSpool spool() {
        return spool;
    }

    @Override
    public void stop() {
        store.ifPresent(BackupStore::close);
    }

    /** No backup location is configured, or it is not usable. */
    public static final class BackupUnavailableException extends RuntimeException {
        public BackupUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}

package org.cassandramesos.scheduler.backup;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.ObjectStore;
import org.cassandramesos.backup.ObjectStoreException;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The objects of one backup location (keys from {@link BackupLayout}) as the backups API needs them, over common's
 * {@link ObjectStore}: every call bounded (metadata calls by the configured timeout, transfers by
 * {@link ObjectStore#transferDeadline}), every failure a {@link BackupProblem.Kind#STORE_FAILED} naming the location
 * (never its keys) and what went wrong.
 */
public final class BackupStore implements AutoCloseable {
    /** Manifests, schemas and tombstones are small; anything larger is not ours. */
    private static final int MAX_SMALL_OBJECT = 64 * 1024 * 1024;

    private final ObjectStore store;

    public BackupStore(S3AsyncClient s3, BackupLayout layout, Duration timeout) {
        this.store = new ObjectStore(s3, layout, timeout);
    }

    public BackupLayout layout() {
        return store.layout();
    }

    /** The names of the "directories" directly under {@code prefix} (list with delimiter), paginated to the end. */
    List<String> childPrefixes(String prefix) {
        return storeFailedIfThrown(() -> store.childPrefixes(prefix));
    }

    /** Every key under {@code prefix}, paginated to the end. */
    List<String> keysUnder(String prefix) {
        return storeFailedIfThrown(() -> store.keysUnder(prefix));
    }

    boolean exists(String key) {
        return storeFailedIfThrown(() -> store.exists(key));
    }

    /** A small object (manifest, schema, tombstone), or empty when there is none. */
    Optional<byte[]> read(String key) {
        return storeFailedIfThrown(() -> store.read(key, "an object", MAX_SMALL_OBJECT));
    }

    void write(String key, byte[] content, String contentType) {
        storeFailedIfThrown(() -> {
            store.put(key, content, contentType);
            return null;
        });
    }

    /** Stores a file as the blob named by its sha256 unless that blob is already there (content-addressed). */
    void putBlobIfAbsent(String sha256, Path file, long size) {
        String key = layout().blobKey(sha256);
        if (exists(key)) {
            return;
        }
        storeFailedIfThrown(() -> {
            store.upload(file, key, size, Map.of(BackupLayout.SHA256_METADATA, sha256));
            return null;
        });
    }

    /** The content of a blob, streamed; the caller closes it. Reading a stalled stream fails after the client's read timeout. */
    InputStream openBlob(String sha256, long size) {
        return storeFailedIfThrown(() -> store.openStream(layout().blobKey(sha256), size))
                .orElseThrow(() -> BackupProblem.storeFailed(
                        layout().location() + " has lost the content of this file (blob " + sha256 + ")"));
    }

    /** Deletes keys ({@link ObjectStore#delete}); keys already gone are fine. */
    void delete(Collection<String> keys) {
        storeFailedIfThrown(() -> {
            store.delete(keys);
            return null;
        });
    }

    private interface StoreCall<T> {
        T run() throws ObjectStoreException;
    }

    private static <T> T storeFailedIfThrown(StoreCall<T> call) {
        try {
            return call.run();
        } catch (ObjectStoreException e) {
            throw BackupProblem.storeFailed(e.getMessage());
        }
    }

    @Override
    public void close() {
        store.close();
    }
}

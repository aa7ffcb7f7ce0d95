package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.backup.ObjectStore;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects of one backup location, as the backup and restore jobs need them: small JSON/CQL documents, and blobs
 * streamed from and to files, over common's {@link ObjectStore} (bounded calls; every failure an
 * {@link org.cassandramesos.backup.ObjectStoreException}, an {@link IOException} naming the operation and the key,
 * never the credentials).
 */
final class BlobStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
    private static final Pattern SHA256_NAME = Pattern.compile("[0-9a-f]{64}");

    private final ObjectStore store;

    BlobStore(ObjectStore store) {
        this.store = store;
    }

    /** Opens a client for the target's location with its keys, or else the default AWS credential chain. */
    static BlobStore open(BackupTarget target, int maxConcurrency) {
        BackupLocation location = BackupLocation.parse(target.location());
        return new BlobStore(ObjectStore.open(
                location,
                target.keys(),
                target.defaultCredentials(),
                maxConcurrency,
                ObjectStore.DEFAULT_CALL_TIMEOUT));
    }

    BackupLayout layout() {
        return store.layout();
    }

    /** Fails early, with a clear message, when the bucket does not exist ({@link ObjectStore#requireBucket()}). */
    void requireBucket() throws IOException {
        store.requireBucket();
    }

    /**
     * Every blob of the location and its size, from one listing of {@code _blobs/} (a request per 1,000 blobs) instead
     * of a HEAD per file. Only keys named by a sha256 count: not the temporary files a store may show of a write cut
     * short (S3Proxy's filesystem store lists {@code <sha256>-<uuid>} while writing).
     */
    Map<String, Long> blobSizes() throws IOException {
        String prefix = layout().location().key(BackupLayout.BLOBS) + "/";
        return store.sizesUnder(prefix).entrySet().stream()
                .filter(blob -> SHA256_NAME
                        .matcher(blob.getKey().substring(prefix.length()))
                        .matches())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    boolean exists(String key) throws IOException {
        return store.exists(key);
    }

    /** Whether an upload of this many bytes goes multipart (and may leave an unfinished upload behind). */
    static boolean isMultipart(long bytes) {
        return ObjectStore.isMultipart(bytes);
    }

    /**
     * Before a multipart {@link #upload}: aborts the unfinished multipart uploads of {@code key} an earlier attempt
     * left (the store was gone, so it could not abort them itself). A separate step so the caller can do it before it
     * takes an upload slot. Never fails: the upload that follows starts one of its own anyway.
     */
    void abortLeftUploads(String key) {
        try {
            int aborted = store.abortUnfinishedUploads(key);
            if (aborted > 0) {
                LOG.info("aborted {} unfinished multipart upload(s) of {} left by an earlier attempt", aborted, key);
            }
        } catch (IOException e) {
            // S3Proxy's filesystem store, for one, cannot abort an upload whose part write was cut by a crash.
            LOG.warn("could not abort an unfinished multipart upload of {} ({}); uploading anew", key, e.getMessage());
        }
    }

    /**
     * Uploads {@code file} as a blob carrying its sha256 ({@link ObjectStore#upload}); the caller checks the stored
     * sizes afterwards, all at once, with {@link #blobSizes()}.
     */
    void upload(Path file, String key, FileDigest digest) throws IOException {
        store.upload(file, key, digest.size(), Map.of(BackupLayout.SHA256_METADATA, digest.sha256()));
    }

    void put(String key, byte[] content) throws IOException {
        store.put(key, content, null);
    }

    /**
     * A small object's content, or empty when there is none; an object larger than {@code maxBytes} fails with an
     * error naming {@code what}.
     */
    Optional<byte[]> get(String key, String what, int maxBytes) throws IOException {
        return store.read(key, what, maxBytes);
    }

    /** Streams a blob into {@code target} (replacing it), hashing it on the way ({@link ObjectStore#download}). */
    ObjectStore.Downloaded download(String key, Path target, long expectedSize) throws IOException {
        Optional<ObjectStore.Downloaded> downloaded = store.download(key, target, expectedSize);
        if (downloaded.isEmpty()) {
            throw new IOException("blob " + key + " is missing from " + layout().location());
        }
        return downloaded.get();
    }

    @Override
    public void close() {
        store.close();
    }
}

package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.protocol.TaskData;

/**
 * Writes one node's part of a backup to the store, given its files: each file as a content-addressed blob (skipped
 * when the store already holds it), then {@code schema.cql}, then {@code manifest.json} last, so a part without a
 * manifest is incomplete and a part with one lists only blobs that were verified present. Needs the store only, not
 * Cassandra: {@link BackupJob} gives it the snapshot's files.
 */
final class NodeBackupPart {
    static final int PARALLEL_UPLOADS = 4;
    /** Threads hashing the next files while {@link #PARALLEL_UPLOADS} uploads are under way. */
    static final int HASHING_AHEAD = 2;

    private final BlobStore store;
    private final SstableDigests digests;
    private final String backup;
    private final String node;

    NodeBackupPart(BlobStore store, String backup, String node) {
        this(store, backup, node, SstableDigests.SHARED);
    }

    NodeBackupPart(BlobStore store, String backup, String node, SstableDigests digests) {
        this.store = store;
        this.digests = digests;
        this.backup = backup;
        this.node = node;
    }

    /**
     * Hashes and uploads each file unless its blob is already stored with the same size; returns the manifest entries.
     * What the store holds comes from one listing before the uploads, and every uploaded blob's stored size is checked
     * by one listing after them (not a HEAD per file each time). Files are hashed ahead on
     * {@value #HASHING_AHEAD} more threads than there are uploads, so {@value #PARALLEL_UPLOADS} uploads stay under way
     * while the next files are read; two files with the same content (an SSTable's TOC) make one upload.
     * A failure says what failed, where, and how to resume; blobs stored before it stay (they are complete objects).
     */
    List<BackupManifest.File> uploadBlobs(
            JobContext context, List<BackupJob.SnapshotFile> files, TransferProgress progress) throws Exception {
        List<BackupManifest.File> stored = Collections.synchronizedList(new ArrayList<>());
        try {
            // listed while the first files are hashed
            CompletableFuture<Map<String, Long>> listing = Concurrently.start(store::blobSizes);
            Set<String> claimed = ConcurrentHashMap.newKeySet();
            Map<String, Long> uploaded = new ConcurrentHashMap<>();
            Semaphore uploads = new Semaphore(PARALLEL_UPLOADS);
            ParallelTransfers.run("backup-upload", files, PARALLEL_UPLOADS + HASHING_AHEAD, context, file -> {
                try {
                    FileDigest digest = digests.of(file.path());
                    String key = store.layout().blobKey(digest.sha256());
                    Long existing = Concurrently.await(listing).get(key);
                    // a key claimed by another file of this backup is being uploaded: if that fails, so does the job
                    if (existing != null && existing == digest.size() || !claimed.add(key)) {
                        progress.skipped(digest.size());
                    } else {
                        if (BlobStore.isMultipart(digest.size())) {
                            store.abortLeftUploads(key); // a request of its own, before taking an upload slot
                        }
                        uploads.acquire();
                        try {
                            store.upload(file.path(), key, digest);
                        } finally {
                            uploads.release();
                        }
                        uploaded.put(key, digest.size());
                        progress.moved(digest.size());
                    }
                    stored.add(
                            new BackupManifest.File(file.pathInNode(), digest.size(), digest.sha256(), digest.sha1()));
                } catch (IOException e) {
                    throw new IOException("backing up " + file.pathInNode() + ": " + e.getMessage(), e);
                }
            });
            requireStored(uploaded);
        } catch (IOException e) {
            var done = progress.current();
            throw new IOException(
                    "backup " + backup + " of " + node + " failed after " + (done.filesDone() + done.filesSkipped())
                            + " of " + done.filesTotal() + " files were stored: " + e.getMessage()
                            + ". The stored files are kept and"
                            + " no manifest was written; start backup " + backup
                            + " again (same name) to resume: only the missing"
                            + " files are uploaded",
                    e);
        }
        return List.copyOf(stored);
    }

    /** Every blob this backup uploaded is in the store with its file's size, by one listing. */
    private void requireStored(Map<String, Long> uploaded) throws IOException {
        if (uploaded.isEmpty()) {
            return;
        }
        Map<String, Long> sizes = store.blobSizes();
        for (Map.Entry<String, Long> blob : new TreeMap<>(uploaded).entrySet()) {
            Long held = sizes.get(blob.getKey());
            if (!blob.getValue().equals(held)) {
                throw new IOException("uploaded " + blob.getKey() + " but the store holds "
                        + (held == null ? "no such object" : held + " bytes") + ", not " + blob.getValue() + " bytes");
            }
        }
    }

    /** Writes {@code schema.cql} (also as a blob), then the manifest listing {@code stored} and the schema. */
    void complete(List<BackupManifest.File> stored, String schema, String releaseVersion, long createdMs)
            throws IOException {
        BackupLayout layout = store.layout();
        byte[] schemaBytes = schema.getBytes(StandardCharsets.UTF_8);
        FileDigest schemaDigest = FileDigest.of(schemaBytes);
        // The schema is a file of the backup like any other (its blob) and also sits at its fixed key.
        var blob = Concurrently.start(() -> {
            store.put(layout.blobKey(schemaDigest.sha256()), schemaBytes);
            return true;
        });
        var fixed = Concurrently.start(() -> {
            store.put(layout.schemaKey(backup, node), schemaBytes);
            return true;
        });
        Concurrently.await(blob);
        Concurrently.await(fixed);
        List<BackupManifest.File> files = new ArrayList<>(stored);
        files.add(new BackupManifest.File(
                BackupLayout.SCHEMA, schemaDigest.size(), schemaDigest.sha256(), schemaDigest.sha1()));
        files.sort(Comparator.comparing(BackupManifest.File::path));
        BackupManifest manifest = new BackupManifest(
                backup, node, releaseVersion, createdMs, System.currentTimeMillis(), files, List.of());
        store.put(layout.manifestKey(backup, node), TaskData.mapper().writeValueAsBytes(manifest));
    }
}

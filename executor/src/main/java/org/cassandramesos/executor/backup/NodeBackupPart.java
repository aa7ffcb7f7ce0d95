package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    private final BlobStore store;
    private final String backup;
    private final String node;

    NodeBackupPart(BlobStore store, String backup, String node) {
        this.store = store;
        this.backup = backup;
        this.node = node;
    }

    /**
     * Hashes and uploads each file unless its blob is already stored with the same size; returns the manifest entries.
     * A failure says what failed, where, and how to resume; blobs stored before it stay (they are complete objects).
     */
    List<BackupManifest.File> uploadBlobs(JobContext context, List<BackupJob.SnapshotFile> files,
                                          TransferProgress progress) throws Exception {
        List<BackupManifest.File> stored = Collections.synchronizedList(new ArrayList<>());
        try {
            ParallelTransfers.run("backup-upload", files, PARALLEL_UPLOADS, context, file -> {
                try {
                    FileDigest digest = FileDigest.of(file.path());
                    String key = store.layout().blobKey(digest.sha256());
                    Optional<Long> existing = store.size(key);
                    if (existing.isPresent() && existing.get() == digest.size()) {
                        progress.skipped(digest.size());
                    } else {
                        store.upload(file.path(), key, digest);
                        progress.moved(digest.size());
                    }
                    stored.add(new BackupManifest.File(file.pathInNode(), digest.size(), digest.sha256(), digest.sha1()));
                } catch (IOException e) {
                    throw new IOException("backing up " + file.pathInNode() + ": " + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            var done = progress.current();
            throw new IOException("backup " + backup + " of " + node + " failed after " + (done.filesDone() + done.filesSkipped())
                    + " of " + done.filesTotal() + " files were stored: " + e.getMessage() + ". The stored files are kept and"
                    + " no manifest was written; start backup " + backup + " again (same name) to resume: only the missing"
                    + " files are uploaded", e);
        }
        return List.copyOf(stored);
    }

    /** Writes {@code schema.cql} (also as a blob), then the manifest listing {@code stored} and the schema. */
    void complete(List<BackupManifest.File> stored, String schema, String releaseVersion, long createdMs) throws IOException {
        BackupLayout layout = store.layout();
        byte[] schemaBytes = schema.getBytes(StandardCharsets.UTF_8);
        FileDigest schemaDigest = FileDigest.of(schemaBytes);
        // The schema is a file of the backup like any other (its blob) and also sits at its fixed key.
        store.put(layout.blobKey(schemaDigest.sha256()), schemaBytes);
        store.put(layout.schemaKey(backup, node), schemaBytes);
        List<BackupManifest.File> files = new ArrayList<>(stored);
        files.add(new BackupManifest.File(BackupLayout.SCHEMA, schemaDigest.size(), schemaDigest.sha256(), schemaDigest.sha1()));
        files.sort(Comparator.comparing(BackupManifest.File::path));
        BackupManifest manifest = new BackupManifest(backup, node, releaseVersion, createdMs, System.currentTimeMillis(),
                files, List.of());
        store.put(layout.manifestKey(backup, node), TaskData.mapper().writeValueAsBytes(manifest));
    }
}

package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.executor.jobs.NodeJob;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.SnapshotCatalog.TableSnapshot;
import org.cassandramesos.executor.node.SnapshotCatalog;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs this node up to S3: snapshot → every SSTable file as a content-addressed blob (skipped when the store already
 * holds it) → {@code schema.cql} → {@code manifest.json} last, so a node's part exists only once complete. Running it
 * again with the same name resumes: nothing already stored is uploaded again, and a complete part is left as it is.
 */
public final class BackupJob implements NodeJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);
    static final int PARALLEL_UPLOADS = 4;

    private final JobRequest request;
    private final BackupTarget target;

    public BackupJob(JobRequest request) {
        if (request.kind() != JobKind.BACKUP) {
            throw new IllegalArgumentException("a backup job cannot run a " + request.kind().wireName() + " request");
        }
        this.request = request;
        this.target = request.backup();
        BackupLayout.requireBackupName("backup name", target.name());
    }

    /** The snapshot a backup reads from; cleared when the job ends. */
    static String snapshotTag(String backup) {
        return "backup-" + backup;
    }

    @Override
    public String run(JobContext context) throws Exception {
        CassandraNode node = context.node();
        String backup = target.name();
        String nodeName = node.spec().nodeName();
        try (BlobStore store = BlobStore.open(target, PARALLEL_UPLOADS * 2)) {
            BackupLayout layout = store.layout();
            store.requireBucket();
            if (store.exists(layout.tombstoneKey(backup))) {
                throw new IllegalStateException("backup " + backup + " was deleted");
            }
            if (store.exists(layout.manifestKey(backup, nodeName))) {
                return "backup " + backup + " of " + nodeName + " is already complete";
            }
            context.message("reading the schema");
            List<String> keyspaces;
            String schema;
            try (LocalCql cql = LocalCql.connect(node)) {
                keyspaces = keyspaces(cql, nodeName);
                List<String> creates = new ArrayList<>();
                for (String keyspace : keyspaces) {
                    creates.addAll(cql.describe(keyspace));
                }
                schema = SchemaScript.render(creates);
            }
            String tag = snapshotTag(backup);
            long createdMs = System.currentTimeMillis();
            List<BackupManifest.File> stored;
            TransferProgress progress;
            if (keyspaces.isEmpty()) {
                progress = new TransferProgress(context, 0, 0); // an empty snapshot list would mean "every keyspace"
                stored = List.of();
            } else {
                context.message("taking snapshot " + tag + " of " + String.join(", ", keyspaces));
                clearSnapshot(node, tag);
                try {
                    node.withJmx(jmx -> {
                        jmx.takeSnapshot(tag, keyspaces);
                        return null;
                    });
                    List<SnapshotFile> files = snapshotFiles(node.snapshots(), tag, keyspaces);
                    progress = new TransferProgress(context, files.size(), files.stream().mapToLong(SnapshotFile::size).sum());
                    context.message("uploading " + files.size() + " files");
                    stored = upload(context, store, files, progress);
                } finally {
                    clearSnapshot(node, tag);
                }
            }
            context.message("writing schema and manifest");
            byte[] schemaBytes = schema.getBytes(StandardCharsets.UTF_8);
            FileDigest schemaDigest = FileDigest.of(schemaBytes);
            // The schema is a file of the backup like any other (its blob) and also sits at its fixed key.
            store.put(layout.blobKey(schemaDigest.sha256()), schemaBytes);
            store.put(layout.schemaKey(backup, nodeName), schemaBytes);
            List<BackupManifest.File> files = new ArrayList<>(stored);
            files.add(new BackupManifest.File(BackupLayout.SCHEMA, schemaDigest.size(), schemaDigest.sha256(), schemaDigest.sha1()));
            files.sort(Comparator.comparing(BackupManifest.File::path));
            BackupManifest manifest = new BackupManifest(backup, nodeName, node.status().releaseVersion(), createdMs,
                    System.currentTimeMillis(), files, List.of());
            store.put(layout.manifestKey(backup, nodeName), TaskData.mapper().writeValueAsBytes(manifest));
            var done = progress.current();
            return "backed up " + done.filesTotal() + " files (" + done.bytesTotal() + " bytes) of " + keyspaces.size()
                    + " keyspaces: uploaded " + done.filesDone() + " (" + progress.bytesMoved() + " bytes), "
                    + done.filesSkipped() + " already stored";
        }
    }

    /** The requested keyspaces, or every user keyspace; a requested one that does not exist fails the job. */
    private List<String> keyspaces(LocalCql cql, String nodeName) {
        List<String> existing = cql.userKeyspaces();
        if (request.keyspaces().isEmpty()) {
            return existing;
        }
        for (String keyspace : request.keyspaces()) {
            if (!existing.contains(keyspace)) {
                throw new IllegalArgumentException("keyspace " + keyspace + " does not exist on " + nodeName
                        + (SnapshotCatalog.SYSTEM_KEYSPACES.contains(keyspace) ? " as a user keyspace" : ""));
            }
        }
        return request.keyspaces().stream().distinct().sorted().toList();
    }

    /** A file of the snapshot and its place in the backup. */
    record SnapshotFile(String keyspace, String table, Path path, long size) {
        String pathInNode() {
            return keyspace + "/" + table + "/" + path.getFileName();
        }
    }

    private List<SnapshotFile> snapshotFiles(SnapshotCatalog catalog, String tag, List<String> keyspaces) throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        for (TableSnapshot table : catalog.withTag(tag)) {
            if (!keyspaces.contains(table.keyspace())
                    || !(request.tables().isEmpty() || request.tables().contains(table.table()))) {
                continue;
            }
            for (Path file : catalog.sstableFiles(table)) {
                files.add(new SnapshotFile(table.keyspace(), table.table(), file, Files.size(file)));
            }
        }
        return files;
    }

    /** Hashes and uploads each file unless its blob is already stored with the same size; returns the manifest entries. */
    private static List<BackupManifest.File> upload(JobContext context, BlobStore store, List<SnapshotFile> files,
                                                    TransferProgress progress) throws Exception {
        List<BackupManifest.File> stored = Collections.synchronizedList(new ArrayList<>());
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
        return List.copyOf(stored);
    }

    private static void clearSnapshot(CassandraNode node, String tag) {
        try {
            node.withJmx(jmx -> {
                jmx.clearSnapshot(tag, List.of());
                return null;
            });
        } catch (JmxException e) {
            LOG.warn("could not clear snapshot {}: {}", tag, e.getMessage());
        }
    }
}

package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.executor.jobs.NodeJob;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.SnapshotCatalog;
import org.cassandramesos.executor.node.SnapshotCatalog.TableSnapshot;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs this node up to S3: schema and snapshot of the local node, whose files {@link NodeBackupPart} stores as
 * content-addressed blobs, then {@code schema.cql} and {@code manifest.json} last, so a node's part exists only once
 * complete. Running it
 * again with the same name resumes: nothing already stored is uploaded again, and a complete part is left as it is.
 */
public final class BackupJob implements NodeJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);

    private final JobRequest request;
    private final BackupTarget target;

    public BackupJob(JobRequest request) {
        if (request.kind() != JobKind.BACKUP) {
            throw new IllegalArgumentException(
                    "a backup job cannot run a " + request.kind().wireName() + " request");
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
        try (BlobStore store = BlobStore.open(target, NodeBackupPart.PARALLEL_UPLOADS * 2)) {
            if (partComplete(store, backup, nodeName)) {
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
            NodeBackupPart part = new NodeBackupPart(store, backup, nodeName);
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
                    progress = new TransferProgress(
                            context,
                            files.size(),
                            files.stream().mapToLong(SnapshotFile::size).sum());
                    context.message("uploading " + files.size() + " files");
                    stored = part.uploadBlobs(context, files, progress);
                } finally {
                    clearSnapshot(node, tag);
                }
            }
            context.message("writing schema and manifest");
            part.complete(stored, schema, node.status().releaseVersion(), createdMs);
            var done = progress.current();
            return "backed up " + done.filesTotal() + " files (" + done.bytesTotal() + " bytes) of " + keyspaces.size()
                    + " keyspaces: uploaded " + done.filesDone() + " (" + progress.bytesMoved() + " bytes), "
                    + done.filesSkipped() + " already stored";
        }
    }

    /**
     * Whether this node's part of the backup is complete already; fails when the bucket is missing or the backup was
     * deleted (in that order). The three requests go out at once.
     */
    static boolean partComplete(BlobStore store, String backup, String node) throws IOException {
        BackupLayout layout = store.layout();
        var bucket = Concurrently.start(() -> {
            store.requireBucket();
            return true;
        });
        var deleted = Concurrently.start(() -> store.exists(layout.tombstoneKey(backup)));
        var complete = Concurrently.start(() -> store.exists(layout.manifestKey(backup, node)));
        Concurrently.await(bucket);
        if (Concurrently.await(deleted)) {
            throw new IllegalStateException("backup " + backup + " was deleted");
        }
        return Concurrently.await(complete);
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

    private List<SnapshotFile> snapshotFiles(SnapshotCatalog catalog, String tag, List<String> keyspaces)
            throws IOException {
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

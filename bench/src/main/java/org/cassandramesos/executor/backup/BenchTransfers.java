package org.cassandramesos.executor.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.protocol.jobs.BackupTarget;

/**
 * The store side of {@link BackupJob} and {@link RestoreJob}, for the benchmark: the same classes and calls in the same
 * order, minus what needs Cassandra (the schema read by CQL, the snapshot by JMX, the import by nodetool), so the
 * transfer of a node's files can be measured without a Cassandra node. Lives in the executor's package because these
 * classes are package-private there.
 */
public final class BenchTransfers {
    private static final String SCHEMA =
            "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n";

    private BenchTransfers() {}

    /** A file of a snapshot: {@code <keyspace>/<table>/<file name>} in the backup. */
    public record SnapshotFile(String keyspace, String table, Path path, long size) {}

    /** Forgets the digests earlier backups of this JVM remembered, so the next backup reads and hashes every file. */
    public static void forgetDigests() {
        SstableDigests.SHARED.clear();
    }

    /**
     * Seconds each phase of a backup took: opening the client and the checks before the uploads (bucket, tombstone,
     * manifest), the blobs (listing, hashing, uploads, listing), and schema plus manifest.
     */
    public record Phases(double open, double blobs, double complete, long uploadedFiles) {}

    /** What {@link BackupJob#run} does once it has the snapshot's files. */
    public static Phases backUp(JobContext context, BackupTarget target, String node, List<SnapshotFile> files)
            throws Exception {
        String backup = target.name();
        long start = System.nanoTime();
        try (BlobStore store = BlobStore.open(target, NodeBackupPart.PARALLEL_UPLOADS * 2)) {
            if (BackupJob.partComplete(store, backup, node)) {
                throw new IllegalStateException("backup " + backup + " of " + node + " is already complete");
            }
            List<BackupJob.SnapshotFile> snapshot = files.stream()
                    .map(f -> new BackupJob.SnapshotFile(f.keyspace(), f.table(), f.path(), f.size()))
                    .toList();
            TransferProgress progress = new TransferProgress(
                    context,
                    snapshot.size(),
                    snapshot.stream().mapToLong(BackupJob.SnapshotFile::size).sum());
            NodeBackupPart part = new NodeBackupPart(store, backup, node);
            long opened = System.nanoTime();
            List<BackupManifest.File> stored = part.uploadBlobs(context, snapshot, progress);
            long uploaded = System.nanoTime();
            part.complete(stored, SCHEMA, "5.0.6", System.currentTimeMillis());
            long completed = System.nanoTime();
            return new Phases(
                    (opened - start) / 1e9,
                    (uploaded - opened) / 1e9,
                    (completed - uploaded) / 1e9,
                    progress.current().filesDone());
        }
    }

    /**
     * What {@link RestoreJob#run} does up to the import: reads the node's manifest and schema, then downloads every
     * table file into {@code <staging>/<keyspace>/<table>/}, each verified against its sha256 while it streams.
     */
    public static long restore(JobContext context, BackupTarget target, String node, Path staging) throws Exception {
        String backup = target.name();
        try (BlobStore store = BlobStore.open(target, RestoreJob.PARALLEL_DOWNLOADS * 2)) {
            BackupManifest manifest = RestoreJob.readPart(store, backup, node).manifest();
            List<RestoreJob.Staged> files = manifest.files().stream()
                    .map(f -> new RestoreJob.Staged(BackupLayout.parseFilePath(manifest.node() + "/" + f.path()), f))
                    .filter(s -> s.keyspace() != null)
                    .toList();
            TransferProgress progress = new TransferProgress(
                    context,
                    files.size(),
                    files.stream().mapToLong(s -> s.file().size()).sum());
            // one table per call of RestoreJob.stage, as the job stages table by table
            var byTable = new java.util.TreeMap<String, List<RestoreJob.Staged>>();
            files.forEach(s -> byTable.computeIfAbsent(s.keyspace() + "/" + s.table(), t -> new java.util.ArrayList<>())
                    .add(s));
            for (List<RestoreJob.Staged> table : byTable.values()) {
                Path dir = Files.createDirectories(staging.resolve(table.get(0).keyspace())
                        .resolve(table.get(0).table()));
                RestoreJob.stage(context, store, dir, table, progress);
            }
            return progress.bytesMoved();
        }
    }
}

package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLayout.BackupFilePath;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.ObjectStore;
import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.executor.jobs.JobStoppedException;
import org.cassandramesos.executor.jobs.NodeJob;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.SnapshotCatalog;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;

/**
 * Restores this node's part of a backup into the running cluster: applies the backup's {@code schema.cql} (idempotent),
 * then table by table downloads the files into a staging directory on the persistent volume, verifying each sha256 as
 * it streams, and imports them (nodetool import, copying). A file whose checksum does not match fails the job before
 * anything of its table is imported. The staging directory is removed at the end, whatever happened.
 */
public final class RestoreJob implements NodeJob {
    static final int PARALLEL_DOWNLOADS = 4;
    /** The most a restore reads of a node's manifest.json and schema.cql: whoever can write the backup writes them. */
    static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    static final int MAX_SCHEMA_BYTES = 4 * 1024 * 1024;
    private static final Duration IMPORT_TIMEOUT = Duration.ofHours(2);

    private final JobRequest request;
    private final BackupTarget target;

    public RestoreJob(JobRequest request) {
        if (request.kind() != JobKind.RESTORE) {
            throw new IllegalArgumentException(
                    "a restore job cannot run a " + request.kind().wireName() + " request");
        }
        this.request = request;
        this.target = request.backup();
        BackupLayout.requireBackupName("backup name", target.name());
    }

    /** Where a restore stages a backup's files: on the persistent volume, beside (not inside) Cassandra's data. */
    static Path stagingDir(CassandraNode node, String backup) {
        return node.layout().volume().resolve("restore-staging").resolve(backup);
    }

    @Override
    public String run(JobContext context) throws Exception {
        CassandraNode node = context.node();
        String backup = target.name();
        String nodeName = node.spec().nodeName();
        try (BlobStore store = BlobStore.open(target, PARALLEL_DOWNLOADS * 2)) {
            Part part = readPart(store, backup, nodeName);
            BackupManifest manifest = part.manifest();
            String schema = part.schema();
            Map<String, List<Staged>> tables = tables(manifest);

            SchemaScript.Selection selection = SchemaScript.restorable(SchemaScript.statements(schema), this::restores);
            context.message("applying the schema of backup " + backup + ": "
                    + selection.apply().size() + " statements"
                    + (selection.skipped().isEmpty()
                            ? ""
                            : "; skipped " + String.join(", ", new java.util.LinkedHashSet<>(selection.skipped()))));
            try (LocalCql cql = LocalCql.connect(node)) {
                for (String statement : selection.apply()) {
                    cql.execute(statement);
                }
            }

            List<Staged> all = tables.values().stream().flatMap(List::stream).toList();
            TransferProgress progress = new TransferProgress(
                    context,
                    all.size(),
                    all.stream().mapToLong(s -> s.file().size()).sum());
            Path staging = stagingDir(node, backup);
            deleteRecursively(staging); // what an interrupted earlier run left
            List<String> restored = new ArrayList<>();
            try {
                for (Map.Entry<String, List<Staged>> table : tables.entrySet()) {
                    if (context.stopRequested()) {
                        throw new JobStoppedException("stopped after restoring " + restored);
                    }
                    restoreTable(context, node, store, staging, table.getValue(), progress);
                    restored.add(table.getKey());
                }
            } finally {
                deleteRecursively(staging);
            }
            var done = progress.current();
            return "restored " + done.filesTotal() + " files (" + done.bytesTotal() + " bytes) of backup " + backup
                    + " into " + restored.size() + " tables"
                    + (restored.isEmpty() ? "" : ": " + String.join(", ", restored));
        }
    }

    /** A node's part of a backup as a restore reads it first. */
    record Part(BackupManifest manifest, String schema) {}

    /**
     * Reads the node's manifest and schema; fails when the bucket is missing, the backup was deleted or the node has
     * no part in it (in that order). The four requests go out at once.
     */
    static Part readPart(BlobStore store, String backup, String node) throws IOException {
        BackupLayout layout = store.layout();
        var bucket = Concurrently.start(() -> {
            store.requireBucket();
            return true;
        });
        var deleted = Concurrently.start(() -> store.exists(layout.tombstoneKey(backup)));
        var manifest = Concurrently.start(
                () -> store.get(layout.manifestKey(backup, node), "manifest.json of " + node, MAX_MANIFEST_BYTES));
        var schema = Concurrently.start(
                () -> store.get(layout.schemaKey(backup, node), "schema.cql of " + node, MAX_SCHEMA_BYTES));
        Concurrently.await(bucket);
        if (Concurrently.await(deleted)) {
            throw new IllegalStateException("backup " + backup + " was deleted");
        }
        BackupManifest parsed = TaskData.mapper()
                .readValue(
                        Concurrently.await(manifest)
                                .orElseThrow(() ->
                                        new IllegalStateException("backup " + backup + " has no manifest for " + node)),
                        BackupManifest.class);
        String script = new String(
                Concurrently.await(schema)
                        .orElseThrow(
                                () -> new IllegalStateException("backup " + backup + " has no schema.cql for " + node)),
                StandardCharsets.UTF_8);
        return new Part(parsed, script);
    }

    /** A file of the backup and where it lands in the staging directory. */
    record Staged(BackupFilePath path, BackupManifest.File file) {
        String keyspace() {
            return path.keyspace();
        }

        String table() {
            return path.table();
        }
    }

    /** Whether this restore writes into {@code keyspace}: one the request names (any, if none), never Cassandra's own. */
    private boolean restores(String keyspace) {
        return !SnapshotCatalog.SYSTEM_KEYSPACES.contains(keyspace)
                && (request.keyspaces().isEmpty() || request.keyspaces().contains(keyspace));
    }

    /** The manifest's table files, grouped by {@code keyspace.table} (sorted), filtered by the request. */
    private Map<String, List<Staged>> tables(BackupManifest manifest) {
        Map<String, List<Staged>> tables = new TreeMap<>();
        for (BackupManifest.File file : manifest.files()) {
            BackupFilePath path = BackupLayout.parseFilePath(manifest.node() + "/" + file.path());
            if (path.keyspace() == null) {
                continue; // the schema
            }
            if (!restores(path.keyspace())
                    || !request.tables().isEmpty() && !request.tables().contains(path.table())) {
                continue;
            }
            tables.computeIfAbsent(path.keyspace() + "." + path.table(), t -> new ArrayList<>())
                    .add(new Staged(path, file));
        }
        for (String keyspace : request.keyspaces()) {
            if (tables.keySet().stream().noneMatch(t -> t.startsWith(keyspace + "."))) {
                throw new IllegalArgumentException(
                        "backup " + manifest.backup() + " holds no keyspace " + keyspace + " for " + manifest.node());
            }
        }
        tables.values()
                .forEach(files -> files.sort(Comparator.comparing(s -> s.path().file())));
        return tables;
    }

    private static void restoreTable(
            JobContext context,
            CassandraNode node,
            BlobStore store,
            Path staging,
            List<Staged> files,
            TransferProgress progress)
            throws Exception {
        String keyspace = files.get(0).keyspace();
        String table = files.get(0).table();
        Path dir = Files.createDirectories(staging.resolve(keyspace).resolve(table));
        context.message("downloading " + files.size() + " files of " + keyspace + "." + table);
        stage(context, store, dir, files, progress);
        context.message("importing " + keyspace + "." + table);
        List<String> failed =
                node.withJmx(jmx -> jmx.importSSTables(keyspace, table, Set.of(dir.toString()), IMPORT_TIMEOUT));
        if (!failed.isEmpty()) {
            throw new IllegalStateException(
                    "Cassandra could not import the SSTables of " + keyspace + "." + table + " (see its log)");
        }
        deleteRecursively(dir);
    }

    /**
     * Downloads {@code files} into {@code dir}, several at once, each verified against its sha256 as it streams; the
     * first file that fails or does not match fails the whole (a mismatch as {@link ChecksumMismatchException}).
     */
    static void stage(JobContext context, BlobStore store, Path dir, List<Staged> files, TransferProgress progress)
            throws Exception {
        ParallelTransfers.run("restore-download", files, PARALLEL_DOWNLOADS, context, staged -> {
            BackupManifest.File file = staged.file();
            String key = store.layout().blobKey(file.sha256());
            ObjectStore.Downloaded got;
            try {
                got = store.download(key, dir.resolve(staged.path().file()), file.size());
            } catch (IOException e) {
                throw new IOException("restoring " + staged.path().inNode() + ": " + e.getMessage(), e);
            }
            if (!got.sha256().equals(file.sha256())) {
                throw new ChecksumMismatchException(staged.path().inNode(), file.sha256(), got.sha256());
            }
            progress.moved(got.size());
        });
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package org.cassandramesos.executor.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The snapshots on disk ({@code <data>/<keyspace>/<table>-<id>/snapshots/<tag>/}). Read from the files, so it also
 * answers while Cassandra is stopped.
 */
public final class SnapshotCatalog {
    /** Keyspaces a restore never touches: Cassandra owns them. */
    public static final Set<String> SYSTEM_KEYSPACES = Set.of(
            "system",
            "system_schema",
            "system_auth",
            "system_distributed",
            "system_traces",
            "system_views",
            "system_virtual_schema");

    /** Files Cassandra writes into each table's snapshot directory that are not SSTables. */
    private static final Set<String> SNAPSHOT_METADATA = Set.of("manifest.json", "schema.cql");

    /** One table's files in one snapshot. */
    public record TableSnapshot(String tag, String keyspace, String table, Path directory, FileTime createdAt) {
        public boolean systemKeyspace() {
            return SYSTEM_KEYSPACES.contains(keyspace);
        }
    }

    private final Path dataDir;

    public SnapshotCatalog(Path dataDir) {
        this.dataDir = dataDir;
    }

    public List<TableSnapshot> all() {
        List<TableSnapshot> result = new ArrayList<>();
        for (Path keyspace : children(dataDir)) {
            for (Path tableDir : children(keyspace)) {
                for (Path tagDir : children(tableDir.resolve("snapshots"))) {
                    result.add(new TableSnapshot(
                            tagDir.getFileName().toString(),
                            keyspace.getFileName().toString(),
                            tableName(tableDir.getFileName().toString()),
                            tagDir,
                            modified(tagDir)));
                }
            }
        }
        return result;
    }

    public List<TableSnapshot> withTag(String tag) {
        return all().stream().filter(s -> s.tag().equals(tag)).toList();
    }

    /**
     * The SSTable files of one table's snapshot, sorted by name: regular files only, without the {@code manifest.json}
     * and {@code schema.cql} Cassandra writes beside them and without secondary index sub-directories (an import
     * rebuilds indexes).
     */
    public List<Path> sstableFiles(TableSnapshot snapshot) {
        try (Stream<Path> entries = Files.list(snapshot.directory())) {
            return entries.filter(Files::isRegularFile)
                    .filter(f -> !SNAPSHOT_METADATA.contains(f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tag of the most recent snapshot. */
    public Optional<String> latestTag() {
        return all().stream()
                .max(Comparator.comparing(TableSnapshot::createdAt))
                .map(TableSnapshot::tag);
    }

    /** {@code users-5a1c…} → {@code users}: Cassandra suffixes table directories with the table id. */
    static String tableName(String directoryName) {
        int dash = directoryName.lastIndexOf('-');
        return dash > 0 ? directoryName.substring(0, dash) : directoryName;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}

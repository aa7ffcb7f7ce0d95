package org.cassandramesos.scheduler.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.protocol.TaskData;

/** The backups' own objects (manifests, schemas, tombstones) as values, read and written through {@link BackupStore}. */
final class BackupObjects {
    private final BackupStore store;
    private final BackupLayout layout;

    BackupObjects(BackupStore store) {
        this.store = store;
        this.layout = store.layout();
    }

    BackupStore store() {
        return store;
    }

    /** Every backup name at the location, deleted ones included (see {@link #tombstoned}). */
    List<String> backupNames() {
        return store.childPrefixes(layout.backupsPrefix()).stream()
                .map(layout::backupOfPrefix)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    /** The nodes with objects in a backup, in name order. */
    List<String> nodes(String backup) {
        String prefix = layout.backupPrefix(backup);
        return store.childPrefixes(prefix).stream()
                .map(p -> p.substring(prefix.length(), p.length() - 1))
                .filter(BackupLayout::isBackupName)
                .sorted()
                .toList();
    }

    boolean tombstoned(String backup) {
        return store.exists(layout.tombstoneKey(backup));
    }

    void writeTombstone(String backup, Instant deleted) {
        store.write(
                layout.tombstoneKey(backup), json(new Tombstone(backup, deleted.toEpochMilli())), "application/json");
    }

    Optional<BackupManifest> manifest(String backup, String node) {
        return store.read(layout.manifestKey(backup, node)).map(bytes -> {
            try {
                return TaskData.mapper().readValue(bytes, BackupManifest.class);
            } catch (IOException e) {
                throw BackupProblem.storeFailed(
                        layout.location() + ": the manifest of " + backup + "/" + node + " is not valid JSON");
            }
        });
    }

    void writeManifest(BackupManifest manifest) {
        store.write(layout.manifestKey(manifest.backup(), manifest.node()), json(manifest), "application/json");
    }

    boolean schemaExists(String backup, String node) {
        return store.exists(layout.schemaKey(backup, node));
    }

    Optional<byte[]> schema(String backup, String node) {
        return store.read(layout.schemaKey(backup, node));
    }

    void writeSchema(String backup, String node, byte[] cql) {
        store.write(layout.schemaKey(backup, node), cql, "text/plain; charset=utf-8");
    }

    private static byte[] json(Object value) {
        try {
            return TaskData.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content of {@link BackupLayout#TOMBSTONE}: which backup, deleted when (epoch ms). */
    record Tombstone(
            @JsonProperty("backup") String backup,
            @JsonProperty("deleted_ms") long deletedMs) {}
}

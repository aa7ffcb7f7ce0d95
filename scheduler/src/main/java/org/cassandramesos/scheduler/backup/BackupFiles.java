package org.cassandramesos.scheduler.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLayout.BackupFilePath;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.backup.FileDigest;

/**
 * The files of backups, with seed 001's file store semantics: content-addressed and immutable, a deleted file (or a
 * file of a deleted backup) can never be written again. Writes of one node's manifest are serialized in this process.
 */
public final class BackupFiles {
    /** What a PUT did. */
    public enum Stored {
        CREATED,
        ALREADY_STORED
    }

    private final BackupObjects objects;
    private final BlobCollector blobs;
    private final ManifestLocks locks;
    private final Clock clock;

    BackupFiles(BackupObjects objects, BlobCollector blobs, ManifestLocks locks, Clock clock) {
        this.objects = objects;
        this.blobs = blobs;
        this.locks = locks;
        this.clock = clock;
    }

    /** @throws BackupProblem NOT_FOUND when the backup was deleted or has no such file */
    public StoredFile find(String backup, BackupFilePath path) {
        Backups.requireName(backup);
        if (objects.tombstoned(backup)) {
            throw BackupProblem.notFound("backup " + backup + " was deleted");
        }
        Optional<BackupManifest> manifest = objects.manifest(backup, path.node());
        Optional<BackupManifest.File> entry = manifest.flatMap(m -> m.file(path.inNode()));
        if (entry.isPresent()) {
            return new StoredFile(path, entry.get(), null);
        }
        boolean deleted = manifest.map(m -> m.deleted().contains(path.inNode())).orElse(false);
        if (isSchema(path) && !deleted) {
            // the executor stores the schema at its layout key; a manifest need not list it
            Optional<byte[]> schema = objects.schema(backup, path.node());
            if (schema.isPresent()) {
                byte[] cql = schema.get();
                FileDigest digest = FileDigest.of(cql);
                return new StoredFile(
                        path,
                        new BackupManifest.File(path.inNode(), digest.size(), digest.sha256(), digest.sha1()),
                        cql);
            }
        }
        throw BackupProblem.notFound("no file " + path + " in backup " + backup);
    }

    /** The content of a file {@link #find} returned; the caller closes it. */
    public InputStream open(StoredFile file) {
        return file.inline() != null
                ? new ByteArrayInputStream(file.inline())
                : objects.store().openBlob(file.sha256(), file.size());
    }

    /**
     * Stores a received file at {@code path}: its content as a blob (unless already there), then the file in the
     * node's manifest (created if absent).
     *
     * @param expectedSha1 the client's {@code X-Content-SHA1}, if it sent one
     * @throws BackupProblem INVALID when the content does not match {@code expectedSha1} (nothing is stored),
     *                       CONFLICT when the backup or the file was deleted, or the path holds other content
     */
    public Stored put(String backup, BackupFilePath path, ReceivedFile received, Optional<String> expectedSha1) {
        Backups.requireName(backup);
        if (expectedSha1.isPresent()
                && !expectedSha1.get().trim().toLowerCase(Locale.ROOT).equals(received.sha1())) {
            throw BackupProblem.invalid("X-Content-SHA1 " + expectedSha1.get().trim()
                    + " does not match the content's SHA-1 " + received.sha1() + "; nothing was stored");
        }
        BackupManifest.File file =
                new BackupManifest.File(path.inNode(), received.size(), received.sha256(), received.sha1());
        // cheap checks first, so that a refused upload stores no blob
        Optional<Stored> early = decide(backup, path, file, objects.manifest(backup, path.node()));
        if (early.isPresent()) {
            return early.get();
        }
        objects.store().putBlobIfAbsent(received.sha256(), received.file(), received.size());
        return locks.with(backup, path.node(), () -> {
            Optional<BackupManifest> manifest = objects.manifest(backup, path.node());
            Optional<Stored> decided = decide(backup, path, file, manifest);
            if (decided.isPresent()) {
                return decided.get();
            }
            long now = clock.millis();
            List<BackupManifest.File> files =
                    new ArrayList<>(manifest.map(BackupManifest::files).orElse(List.of()));
            files.add(file);
            objects.writeManifest(new BackupManifest(
                    backup,
                    path.node(),
                    manifest.map(BackupManifest::cassandraVersion).orElse(null),
                    manifest.map(BackupManifest::createdMs).orElse(now),
                    now,
                    files,
                    manifest.map(BackupManifest::deleted).orElse(List.of())));
            if (isSchema(path)) {
                objects.writeSchema(backup, path.node(), readAll(received));
            }
            return Stored.CREATED;
        });
    }

    /** Empty when the file may be stored; ALREADY_STORED when it is there with this content; else a 409. */
    private Optional<Stored> decide(
            String backup, BackupFilePath path, BackupManifest.File file, Optional<BackupManifest> manifest) {
        if (objects.tombstoned(backup)) {
            throw BackupProblem.conflict("backup " + backup + " was deleted; its files cannot be written again");
        }
        if (manifest.map(m -> m.deleted().contains(path.inNode())).orElse(false)) {
            throw BackupProblem.conflict(
                    "file " + path + " of backup " + backup + " was deleted; it cannot be written again");
        }
        Optional<BackupManifest.File> existing = manifest.flatMap(m -> m.file(path.inNode()));
        if (existing.isPresent()) {
            if (existing.get().sha256().equals(file.sha256())) {
                return Optional.of(Stored.ALREADY_STORED);
            }
            throw BackupProblem.conflict(
                    "file " + path + " of backup " + backup + " is already stored with other content (sha256 "
                            + existing.get().sha256() + "); backup files are immutable");
        }
        return Optional.empty();
    }

    /**
     * Removes a file from its node's manifest and records it as deleted, so it can never be written again; its blob
     * goes too unless another backup's file has the same content.
     *
     * @throws BackupProblem NOT_FOUND when the backup was deleted or has no such file
     */
    public void delete(String backup, BackupFilePath path) {
        Backups.requireName(backup);
        if (objects.tombstoned(backup)) {
            throw BackupProblem.notFound("backup " + backup + " was deleted");
        }
        Optional<String> orphan = locks.with(backup, path.node(), () -> {
            Optional<BackupManifest> manifest = objects.manifest(backup, path.node());
            Optional<BackupManifest.File> entry = manifest.flatMap(m -> m.file(path.inNode()));
            boolean schemaObject = isSchema(path) && objects.schemaExists(backup, path.node());
            if (entry.isEmpty() && !schemaObject) {
                throw BackupProblem.notFound("no file " + path + " in backup " + backup);
            }
            long now = clock.millis();
            List<BackupManifest.File> files =
                    new ArrayList<>(manifest.map(BackupManifest::files).orElse(List.of()));
            files.removeIf(f -> f.path().equals(path.inNode()));
            List<String> deleted =
                    new ArrayList<>(manifest.map(BackupManifest::deleted).orElse(List.of()));
            if (!deleted.contains(path.inNode())) {
                deleted.add(path.inNode());
            }
            objects.writeManifest(new BackupManifest(
                    backup,
                    path.node(),
                    manifest.map(BackupManifest::cassandraVersion).orElse(null),
                    manifest.map(BackupManifest::createdMs).orElse(now),
                    manifest.map(BackupManifest::completedMs).orElse(now),
                    files,
                    deleted));
            if (schemaObject) {
                objects.store().delete(List.of(objects.store().layout().schemaKey(backup, path.node())));
            }
            return entry.map(BackupManifest.File::sha256);
        });
        orphan.ifPresent(sha256 -> blobs.collect(Set.of(sha256)));
    }

    private static boolean isSchema(BackupFilePath path) {
        return path.keyspace() == null && BackupLayout.SCHEMA.equals(path.file());
    }

    private static byte[] readAll(ReceivedFile received) {
        try {
            return Files.readAllBytes(received.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

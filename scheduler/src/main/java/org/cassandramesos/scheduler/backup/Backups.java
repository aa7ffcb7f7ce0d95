package org.cassandramesos.scheduler.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;

/** The backups at the configured location: list, describe, delete (seed 001 tombstone semantics). */
public final class Backups {
    private final BackupObjects objects;
    private final BlobCollector blobs;
    private final Clock clock;

    Backups(BackupObjects objects, BlobCollector blobs, Clock clock) {
        this.objects = objects;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Every backup not deleted, by name. */
    public List<BackupSummary> list() {
        List<BackupSummary> summaries = new ArrayList<>();
        for (String name : objects.backupNames()) {
            if (!objects.tombstoned(name)) {
                List<String> nodes = objects.nodes(name);
                if (!nodes.isEmpty()) {
                    BackupDetails details = details(name, nodes);
                    summaries.add(new BackupSummary(
                            name,
                            nodes,
                            details.created(),
                            details.completed(),
                            details.files(),
                            details.bytes(),
                            details.complete()));
                }
            }
        }
        return summaries;
    }

    /** @throws BackupProblem NOT_FOUND for an unknown or deleted backup */
    public BackupDetails describe(String name) {
        requireName(name);
        List<String> nodes = objects.nodes(name);
        if (nodes.isEmpty() || objects.tombstoned(name)) {
            throw notFound(name);
        }
        return details(name, nodes);
    }

    /**
     * Tombstones the backup, deletes the blobs only it referenced, then its manifests and schemas. Safe to repeat: a
     * deletion cut short (tombstone written, objects left) is finished by the next call.
     *
     * @throws BackupProblem NOT_FOUND for an unknown backup or one already deleted completely
     */
    public Deletion delete(String name) {
        requireName(name);
        List<String> nodes = objects.nodes(name);
        boolean tombstoned = objects.tombstoned(name);
        if (nodes.isEmpty()) {
            throw notFound(name);
        }
        if (!tombstoned) {
            // first, so that no file of it can be PUT from now on and listings no longer show it
            objects.writeTombstone(name, clock.instant());
        }
        List<BackupManifest> manifests = nodes.stream()
                .map(n -> objects.manifest(name, n))
                .flatMap(Optional::stream)
                .toList();
        var candidates = BlobCollector.blobsOf(manifests);
        int deletedBlobs = blobs.collect(candidates);
        BackupLayout layout = objects.store().layout();
        String tombstone = layout.tombstoneKey(name);
        List<String> rest = objects.store().keysUnder(layout.backupPrefix(name)).stream()
                .filter(k -> !k.equals(tombstone))
                .toList();
        objects.store().delete(rest);
        int files = manifests.stream().mapToInt(m -> m.files().size()).sum();
        return new Deletion(name, nodes.size(), files, deletedBlobs, candidates.size() - deletedBlobs);
    }

    /**
     * What a deletion did.
     *
     * @param blobsDeleted contents no other backup shares, now gone
     * @param blobsKept    contents other backups still reference
     */
    public record Deletion(
            @com.fasterxml.jackson.annotation.JsonProperty("name")
            String name,

            @com.fasterxml.jackson.annotation.JsonProperty("nodes")
            int nodes,

            @com.fasterxml.jackson.annotation.JsonProperty("files")
            int files,

            @com.fasterxml.jackson.annotation.JsonProperty("blobs_deleted")
            int blobsDeleted,

            @com.fasterxml.jackson.annotation.JsonProperty("blobs_kept")
            int blobsKept) {}

    private BackupDetails details(String name, List<String> nodes) {
        List<BackupDetails.NodePart> parts = new ArrayList<>();
        for (String node : nodes) {
            Optional<BackupManifest> manifest = objects.manifest(name, node);
            boolean schema =
                    manifest.flatMap(m -> m.file(BackupLayout.SCHEMA)).isPresent() || objects.schemaExists(name, node);
            parts.add(manifest.map(m -> new BackupDetails.NodePart(
                            node,
                            true,
                            m.files().size(),
                            m.totalBytes(),
                            iso(m.createdMs()),
                            iso(m.completedMs()),
                            schema,
                            m.deleted().size()))
                    .orElseGet(() -> new BackupDetails.NodePart(node, false, 0, 0, null, null, schema, 0)));
        }
        OptionalLong created = parts.stream()
                .filter(BackupDetails.NodePart::complete)
                .mapToLong(p -> Instant.parse(p.created()).toEpochMilli())
                .min();
        OptionalLong completed = parts.stream()
                .filter(BackupDetails.NodePart::complete)
                .mapToLong(p -> Instant.parse(p.completed()).toEpochMilli())
                .max();
        return new BackupDetails(
                name,
                created.isPresent() ? iso(created.getAsLong()) : null,
                completed.isPresent() ? iso(completed.getAsLong()) : null,
                parts.stream().allMatch(BackupDetails.NodePart::complete),
                parts.stream().mapToInt(BackupDetails.NodePart::files).sum(),
                parts.stream().mapToLong(BackupDetails.NodePart::bytes).sum(),
                parts);
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    static void requireName(String name) {
        if (!BackupLayout.isBackupName(name)) {
            throw BackupProblem.invalid(
                    "backup name '" + name + "' must be 1-128 of A-Z a-z 0-9 . _ - and start with a letter or digit");
        }
    }

    private static BackupProblem notFound(String name) {
        return BackupProblem.notFound("no backup " + name);
    }
}

package org.cassandramesos.scheduler.backup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cassandramesos.backup.BackupManifest;

/**
 * Deletes blobs that no manifest of a live (not tombstoned) backup references any more. Only the candidates a caller
 * names are considered, never the whole blob store: a backup being written has blobs its manifest (written last)
 * does not name yet.
 */
final class BlobCollector {
    private final BackupObjects objects;

    BlobCollector(BackupObjects objects) {
        this.objects = objects;
    }

    /** @return how many of the candidates were deleted; the rest are still referenced */
    int collect(Set<String> candidates) {
        if (candidates.isEmpty()) {
            return 0;
        }
        Set<String> unreferenced = new HashSet<>(candidates);
        for (String backup : objects.backupNames()) {
            if (objects.tombstoned(backup)) {
                continue;
            }
            for (String node : objects.nodes(backup)) {
                objects.manifest(backup, node).ifPresent(m -> m.files().forEach(f -> unreferenced.remove(f.sha256())));
            }
            if (unreferenced.isEmpty()) {
                return 0;
            }
        }
        List<String> keys = unreferenced.stream()
                .sorted()
                .map(objects.store().layout()::blobKey)
                .toList();
        objects.store().delete(keys);
        return keys.size();
    }

    static Set<String> blobsOf(List<BackupManifest> manifests) {
        Set<String> blobs = new HashSet<>();
        manifests.forEach(m -> m.files().forEach(f -> blobs.add(f.sha256())));
        return blobs;
    }
}

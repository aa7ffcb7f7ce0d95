package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cassandramesos.backup.FileDigest;

/**
 * The digests of files this executor has hashed, remembered by file identity (inode, size, modification time, name),
 * so a backup does not read an SSTable again that an earlier backup read. Cassandra never changes an SSTable once
 * written, and each snapshot's file is a hard link to the same inode, so the identity stays the same from backup to
 * backup while the content does. A file whose identity changed while it was being hashed is not remembered. Bounded
 * (least recently used go first), in memory only: a restarted executor hashes once more.
 */
final class SstableDigests {
    /** About 0.5 KB each: a few MB at most. */
    static final int MAX_ENTRIES = 16_384;
    /** The executor's one cache, shared by its backups. */
    static final SstableDigests SHARED = new SstableDigests(MAX_ENTRIES);

    private record Identity(Object fileKey, String name, long size, FileTime modified) {}

    private final Map<Identity, FileDigest> digests;

    SstableDigests(int maxEntries) {
        this.digests = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Identity, FileDigest> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The file's digest: remembered, or read now (and remembered when the file did not change meanwhile). */
    FileDigest of(Path file) throws IOException {
        Identity before = identity(file);
        if (before != null) {
            synchronized (digests) {
                FileDigest known = digests.get(before);
                if (known != null) {
                    return known;
                }
            }
        }
        FileDigest digest = FileDigest.of(file);
        if (before != null && before.equals(identity(file)) && digest.size() == before.size()) {
            synchronized (digests) {
                digests.put(before, digest);
            }
        }
        return digest;
    }

    /** Forgets every digest (the benchmark's full backups start cold). */
    void clear() {
        synchronized (digests) {
            digests.clear();
        }
    }

    /** Null where the file system has no file keys (inodes): such files are always read. */
    private static Identity identity(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        return key == null
                ? null
                : new Identity(key, file.getFileName().toString(), attributes.size(), attributes.lastModifiedTime());
    }
}

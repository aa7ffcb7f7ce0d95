package org.cassandramesos.scheduler.backup;

import java.util.Locale;
import org.cassandramesos.backup.BackupLayout.BackupFilePath;
import org.cassandramesos.backup.BackupManifest;

/**
 * A file of a backup as the API serves it.
 *
 * @param inline the content when it is not a blob (a schema.cql the manifest does not list), else null
 */
public record StoredFile(BackupFilePath path, BackupManifest.File entry, byte[] inline) {
    public long size() {
        return entry.size();
    }

    public String sha256() {
        return entry.sha256();
    }

    public String sha1() {
        return entry.sha1();
    }

    /** The ETag: the quoted sha256 (the content's name, so a file's ETag never changes). */
    public String etag() {
        return '"' + entry.sha256() + '"';
    }

    /** Whether an {@code If-None-Match} header names this content ({@code *} or one of its entity tags). */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag()) || t.equals(entry.sha256())) {
                return true;
            }
        }
        return false;
    }

    /** The media type by the file's extension (SSTable components are binary, their digests and TOC are text). */
    public String contentType() {
        String file = path.file().toLowerCase(Locale.ROOT);
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot + 1);
        return switch (extension) {
            case "cql", "txt", "crc32", "adler32", "sha1" -> "text/plain; charset=utf-8";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }
}

package org.cassandramesos.backup;

import java.util.regex.Pattern;

/**
 * The object keys of backups under a {@link BackupLocation}; the executor writes them and the scheduler's backup API
 * reads them, so both go through here.
 *
 * <pre>
 * &lt;prefix&gt;/&lt;backup&gt;/&lt;node&gt;/manifest.json   written last: a node's part of a backup is complete once it exists
 * &lt;prefix&gt;/&lt;backup&gt;/&lt;node&gt;/schema.cql      the node's view of the user schema (CREATE ... IF NOT EXISTS)
 * &lt;prefix&gt;/&lt;backup&gt;/_deleted.json          tombstone of a deleted backup: its files may never be PUT again
 * &lt;prefix&gt;/_blobs/&lt;sha256&gt;                file contents, content-addressed and shared by every backup,
 *                                        so an unchanged SSTable is uploaded once
 * </pre>
 *
 * A file's path inside a backup is {@code <node>/<keyspace>/<table>/<file>} (the table without Cassandra's id
 * suffix, so a backup restores into a new cluster whose table ids differ).
 */
public final class BackupLayout {
    /** Names of keyspaces, tables and files: no separators, no dot-only names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /**
     * Names of backups and nodes additionally do not start with {@code _}: that prefix is reserved for the layout's own
     * keys ({@code _blobs}, {@code _deleted.json}) and the API's own routes ({@code /v1/backups/_status}).
     */
    private static final Pattern BACKUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    public static final String MANIFEST = "manifest.json";
    public static final String SCHEMA = "schema.cql";
    public static final String TOMBSTONE = "_deleted.json";
    public static final String BLOBS = "_blobs";
    /** Object metadata carrying a blob's sha256 ({@code x-amz-meta-sha256}), for anyone inspecting the store. */
    public static final String SHA256_METADATA = "sha256";

    private final BackupLocation location;

    public BackupLayout(BackupLocation location) {
        this.location = location;
    }

    public BackupLocation location() {
        return location;
    }

    /** Prefix under which every backup is a common prefix ({@code list with delimiter "/"}). */
    public String backupsPrefix() {
        return location.prefix().isEmpty() ? "" : location.prefix() + "/";
    }

    public String backupPrefix(String backup) {
        return location.key(requireBackupName("backup name", backup)) + "/";
    }

    public String manifestKey(String backup, String node) {
        return location.key(
                requireBackupName("backup name", backup) + "/" + requireBackupName("node", node) + "/" + MANIFEST);
    }

    public String schemaKey(String backup, String node) {
        return location.key(
                requireBackupName("backup name", backup) + "/" + requireBackupName("node", node) + "/" + SCHEMA);
    }

    public String tombstoneKey(String backup) {
        return location.key(requireBackupName("backup name", backup) + "/" + TOMBSTONE);
    }

    public String blobKey(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex sha256: " + sha256);
        }
        return location.key(BLOBS + "/" + sha256);
    }

    /** The backup name a common prefix from {@link #backupsPrefix()} stands for, or null for the blob store. */
    public String backupOfPrefix(String commonPrefix) {
        String rest = commonPrefix.substring(backupsPrefix().length());
        String name = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        return isBackupName(name) ? name : null;
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(BLOBS);
    }

    /** A backup's or node's name: {@link #isName} and not starting with {@code _}. */
    public static boolean isBackupName(String name) {
        return name != null && BACKUP_NAME.matcher(name).matches();
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static String requireBackupName(String what, String name) {
        if (!isBackupName(name)) {
            throw new IllegalArgumentException(
                    what + " '" + name + "' must be 1-128 of A-Z a-z 0-9 . _ - and start with a letter or digit");
        }
        return name;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static String requireName(String what, String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException(
                    what + " '" + name + "' must be 1-128 of A-Z a-z 0-9 . _ - and not start with . or -");
        }
        return name;
    }

    /**
     * Checks a file path inside a backup ({@code <node>/<keyspace>/<table>/<file>} or {@code <node>/schema.cql}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static BackupFilePath parseFilePath(String path) {
        String[] parts = path.split("/", -1);
        requireBackupName("node", parts[0]);
        for (String part : parts) {
            requireName("path segment", part);
        }
        if (parts.length == 2 && parts[1].equals(SCHEMA)) {
            return new BackupFilePath(parts[0], null, null, SCHEMA);
        }
        if (parts.length != 4) {
            throw new IllegalArgumentException(
                    "file path '" + path + "' must be <node>/<keyspace>/<table>/<file> or <node>/schema.cql");
        }
        return new BackupFilePath(parts[0], parts[1], parts[2], parts[3]);
    }

    /** A file's place in a backup; {@code keyspace} and {@code table} are null for the schema. */
    public record BackupFilePath(String node, String keyspace, String table, String file) {
        /** The path relative to the node, as the manifest keeps it. */
        public String inNode() {
            return keyspace == null ? file : keyspace + "/" + table + "/" + file;
        }

        @Override
        public String toString() {
            return node + "/" + inNode();
        }
    }
}

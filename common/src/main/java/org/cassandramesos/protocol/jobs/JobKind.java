package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a node job does; its JSON and URL form is the lower-case name ({@code /v1/repair/start}). */
public enum JobKind {
    REPAIR,
    CLEANUP,
    UPGRADESSTABLES,
    BACKUP,
    RESTORE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known kinds */
    @JsonCreator
    public static JobKind fromWire(String name) {
        for (JobKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown job kind '" + name + "' (repair, cleanup, upgradesstables, backup, restore)");
    }

    /** Backup and restore move files to or from an S3 location and need a {@link BackupTarget}. */
    public boolean needsBackupTarget() {
        return this == BACKUP || this == RESTORE;
    }
}

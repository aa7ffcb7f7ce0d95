package org.cassandramesos.executor.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.cassandramesos.backup.FileDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup reads an SSTable once per executor: its digest is remembered by inode, name, size and modification time. */
class SstableDigestsTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithTheSameIdentityIsNotReadAgainEvenThroughAnotherHardLink() throws Exception {
        SstableDigests digests = new SstableDigests(16);
        Path live = Files.writeString(dir.resolve("nb-1-big-Data.db"), "first content");
        FileDigest first = digests.of(live);
        assertThat(first).isEqualTo(FileDigest.of(live));

        // The next snapshot's file is a hard link to the same inode under the same name.
        Path snapshot = Files.createDirectories(dir.resolve("snapshots/backup-b"));
        Path link = Files.createLink(snapshot.resolve("nb-1-big-Data.db"), live);
        // Prove it is not read: same size and modification time, different bytes (which an SSTable never does).
        FileTime modified = Files.getLastModifiedTime(live);
        Files.writeString(live, "other content");
        Files.setLastModifiedTime(live, modified);

        assertThat(digests.of(link)).isEqualTo(first);
    }

    @Test
    void aFileWhoseModificationTimeOrSizeChangedIsReadAgain() throws Exception {
        SstableDigests digests = new SstableDigests(16);
        Path file = Files.writeString(dir.resolve("nb-2-big-Data.db"), "first content");
        FileDigest first = digests.of(file);

        Files.writeString(file, "other content");
        Files.setLastModifiedTime(
                file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThat(digests.of(file)).isEqualTo(FileDigest.of(file)).isNotEqualTo(first);

        Files.writeString(file, "longer other content");
        assertThat(digests.of(file)).isEqualTo(FileDigest.of(file));
    }

    @Test
    void theLeastRecentlyUsedDigestsAreForgottenBeyondTheBound() throws Exception {
        SstableDigests digests = new SstableDigests(1);
        Path a = Files.writeString(dir.resolve("a-Data.db"), "aaaa");
        Path b = Files.writeString(dir.resolve("b-Data.db"), "bbbb");
        digests.of(a);
        digests.of(b); // a is forgotten
        FileTime modified = Files.getLastModifiedTime(a);
        Files.writeString(a, "cccc");
        Files.setLastModifiedTime(a, modified);

        assertThat(digests.of(a)).isEqualTo(FileDigest.of(a));
    }
}

package org.cassandramesos.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    // FIPS 180 test vectors for "abc"
    private static final FileDigest ABC_DIGEST = new FileDigest(
            3,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "a9993e364706816aba3e25717850c26c9cd0d89d");

    @Test
    void hashesAFileWithBothChecksumsInOnePass(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("f"), ABC);

        assertThat(FileDigest.of(file)).isEqualTo(ABC_DIGEST);
        assertThat(FileDigest.of(ABC)).isEqualTo(ABC_DIGEST);
    }

    @Test
    void copiesWhatItHashes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        FileDigest digest = FileDigest.copy(new ByteArrayInputStream(ABC), out);

        assertThat(digest).isEqualTo(ABC_DIGEST);
        assertThat(out.toByteArray()).isEqualTo(ABC);
    }
}

package org.cassandramesos.executor.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster secrets a node keeps on its volume: owner-only, the cluster part only, written whole. */
class VolumeSecretsTest {
    private static final SecretBundle DELIVERED = SecretBundle.of(Map.of(
            SecretBundle.NODE_API_TOKEN,
            "token-" + "t".repeat(40),
            SecretBundle.CQL_PASSWORD,
            "password-" + "p".repeat(24),
            "tls_key",
            "-----BEGIN PRIVATE KEY-----node key-----END PRIVATE KEY-----",
            "tls_cert",
            "node cert",
            "tls_ca",
            "cluster ca"));

    @TempDir
    Path volume;

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    @Test
    void keepsOnlyTheClusterPartInAnOwnerOnlyFileInAnOwnerOnlyDirectory() throws Exception {
        VolumeSecrets kept = VolumeSecrets.on(volume);

        assertThat(kept.write(DELIVERED)).isTrue();

        assertThat(kept.file()).isEqualTo(volume.resolve(".cluster-secrets/cluster-secrets.json"));
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(kept.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.file())))
                .isEqualTo("rw-------");
        Map<String, Object> json = TaskData.mapper().readValue(Files.readAllBytes(kept.file()), Map.class);
        assertThat(json).containsOnlyKeys(SecretBundle.NODE_API_TOKEN, SecretBundle.CQL_PASSWORD);
        assertThat(Files.readString(kept.file())).doesNotContain("PRIVATE KEY", "node cert", "cluster ca");
        assertThat(kept.read()).contains(DELIVERED.clusterPart());
        assertThat(namesIn(kept.file().getParent()))
                .as("no temporary file is left next to it")
                .containsExactly("cluster-secrets.json");
    }

    @Test
    void aNewWriteReplacesTheFileWholeAndOwnerOnlyEvenOverALooserOne() throws Exception {
        VolumeSecrets kept = VolumeSecrets.on(volume);
        kept.write(DELIVERED);
        Files.setPosixFilePermissions(kept.file().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(kept.file(), PosixFilePermissions.fromString("rw-r--r--"));
        Object before = Files.readAttributes(kept.file(), "unix:ino").get("ino");
        SecretBundle rotated = SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, "rotated-" + "r".repeat(40)));

        kept.write(rotated);

        assertThat(kept.read()).contains(rotated);
        assertThat(Files.readAttributes(kept.file(), "unix:ino").get("ino"))
                .as("a new file moved into place, never the old one rewritten")
                .isNotEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(kept.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(namesIn(kept.file().getParent())).containsExactly("cluster-secrets.json");
    }

    @Test
    void aBundleWithoutClusterSecretsWritesNothing() throws Exception {
        VolumeSecrets kept = VolumeSecrets.on(volume);

        assertThat(kept.write(SecretBundle.of(Map.of("tls_key", "k", "tls_cert", "c", "tls_ca", "a"))))
                .isFalse();

        assertThat(kept.file().getParent()).doesNotExist();
        assertThat(kept.read()).isEmpty();
    }

    @Test
    void aDamagedFileIsAnErrorThatQuotesNoContent() throws Exception {
        VolumeSecrets kept = VolumeSecrets.on(volume);
        kept.write(DELIVERED);
        Files.writeString(kept.file(), "{\"node_api_token\": \"secret-value-123", StandardCharsets.UTF_8);

        assertThatThrownBy(kept::read)
                .hasMessageContaining("not a JSON object")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value-123"));
        assertThat(VolumeSecrets.on(volume.resolve("elsewhere")).read()).isEqualTo(Optional.empty());
    }
}

package org.cassandramesos.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupLocationTest {

    @Test
    void s3LocationNamesBucketAndPrefix() {
        BackupLocation location = BackupLocation.parse("s3://my-bucket/backups/prod/");
        assertThat(location).isEqualTo(new BackupLocation(Optional.empty(), "my-bucket", "backups/prod"));
        assertThat(location.key("b1/node-0/manifest.json")).isEqualTo("backups/prod/b1/node-0/manifest.json");
        assertThat(location).hasToString("s3://my-bucket/backups/prod");
    }

    @Test
    void httpLocationIsAnS3CompatibleEndpointWithPathStyleBucket() {
        BackupLocation location = BackupLocation.parse("http://127.0.0.1:9100/cassandra");
        assertThat(location.endpoint()).contains(URI.create("http://127.0.0.1:9100"));
        assertThat(location.bucket()).isEqualTo("cassandra");
        assertThat(location.prefix()).isEmpty();
        assertThat(location.key("/b1/x")).isEqualTo("b1/x");
    }

    @Test
    void unusableLocationsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BackupLocation.parse("")).hasMessageContaining("required");
        assertThatThrownBy(() -> BackupLocation.parse("azure://c/p")).hasMessageContaining("must start with s3://");
        assertThatThrownBy(() -> BackupLocation.parse("http://host:9000/")).hasMessageContaining("names no bucket");
        assertThatThrownBy(() -> BackupLocation.parse("s3:///prefix")).hasMessageContaining("names no bucket");
    }

    @Test
    void locationsWithCredentialsAreRefusedWithoutEchoingThem() {
        for (String location : new String[] {
            "http://user:pw-hunter2@host:9000/bucket",
            "https://hunter2@host/b/p",
            "s3://key:hunter2@bucket/prefix",
            "HTTP://u:hunter2@h/b"
        }) {
            assertThatThrownBy(() -> BackupLocation.parse(location))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not hold credentials")
                    .hasMessageNotContaining("hunter2");
        }
        // an @ in the path is not user info
        assertThat(BackupLocation.parse("http://host:9000/bucket/a@b").prefix()).isEqualTo("a@b");
    }

    @Test
    void layoutKeysAndFilePaths() {
        BackupLayout layout = new BackupLayout(BackupLocation.parse("s3://b/pre"));
        assertThat(layout.manifestKey("nightly", "node-1")).isEqualTo("pre/nightly/node-1/manifest.json");
        assertThat(layout.blobKey("a".repeat(64))).isEqualTo("pre/_blobs/" + "a".repeat(64));
        assertThat(layout.backupOfPrefix("pre/nightly/")).isEqualTo("nightly");
        assertThat(layout.backupOfPrefix("pre/_blobs/")).isNull();
        assertThat(BackupLayout.parseFilePath("node-0/ks/t/nb-1-big-Data.db").inNode())
                .isEqualTo("ks/t/nb-1-big-Data.db");
        assertThat(BackupLayout.parseFilePath("node-0/schema.cql").keyspace()).isNull();
        assertThatThrownBy(() -> BackupLayout.parseFilePath("node-0/../etc/passwd"))
                .hasMessageContaining("path segment");
        assertThatThrownBy(() -> BackupLayout.parseFilePath("node-0/ks/t")).hasMessageContaining("must be");
        assertThatThrownBy(() -> layout.manifestKey("a/b", "node-0")).hasMessageContaining("backup name");
    }

    @Test
    void backupAndNodeNamesCannotTakeTheReservedUnderscorePrefix() {
        BackupLayout layout = new BackupLayout(BackupLocation.parse("s3://b/pre"));
        assertThat(BackupLayout.isBackupName("nightly-2024.01")).isTrue();
        assertThat(BackupLayout.isBackupName("_status")).isFalse();
        assertThat(BackupLayout.isBackupName("_blobs")).isFalse();
        assertThat(layout.backupOfPrefix("pre/_status/")).isNull();
        assertThatThrownBy(() -> layout.tombstoneKey("_status")).hasMessageContaining("backup name");
        assertThatThrownBy(() -> BackupLayout.parseFilePath("_x/ks/t/f")).hasMessageContaining("node");
        // keyspaces and tables may still start with _ (Cassandra allows quoted names like that)
        assertThat(BackupLayout.parseFilePath("node-0/_ks/_t/f").keyspace()).isEqualTo("_ks");
    }
}

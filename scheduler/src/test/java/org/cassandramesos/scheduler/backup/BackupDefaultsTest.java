package org.cassandramesos.scheduler.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.junit.jupiter.api.Test;

class BackupDefaultsTest {
    final BackupDefaults defaults = BackupDefaults.of(
            "s3://configured/p", "AK", "SK", "s3://archive/cluster-a, https://minio.internal:9000/backups");

    @Test
    void allowedLocationsAreTheConfiguredOneAndWhatLiesUnderAnAllowedPrefix() {
        for (String ok : new String[] {
            "s3://configured/p",
            "s3://archive/cluster-a",
            "s3://archive/cluster-a/2026",
            "https://minio.internal:9000/backups",
            "https://minio.internal:9000/backups/x/y"
        }) {
            assertThat(defaults.requireAllowed(ok).toString()).as(ok).isEqualTo(ok);
        }
        for (String refused : new String[] {
            "s3://configured/p2",
            "s3://configured",
            "s3://archive/cluster-ab",
            "s3://archive",
            "http://minio.internal:9000/backups",
            "https://minio.internal/backups",
            "https://minio.internal:9001/backups",
            "https://minio.internal:9000/backups2",
            "http://169.254.169.254/x"
        }) {
            assertThatThrownBy(() -> defaults.requireAllowed(refused))
                    .as(refused)
                    .hasMessageContaining("not allowed");
        }
    }

    @Test
    void onlyTheConfiguredLocationMayGoWithoutKeysOrUseTheConfiguredOnes() {
        assertThat(defaults.target("b", "s3://configured/p", Optional.empty())
                        .orElseThrow()
                        .secretKey())
                .isEqualTo("SK");
        assertThat(defaults.target("b", "s3://archive/cluster-a", Optional.empty()))
                .isEmpty();
        assertThat(defaults.target("b", "s3://archive/cluster-a", Optional.of(new StaticKeys("A", "S")))
                        .orElseThrow()
                        .secretKey())
                .isEqualTo("S");
        BackupDefaults keyless = BackupDefaults.of("s3://configured/p", "", "", "");
        assertThat(keyless.target("b", "s3://configured/p", Optional.empty())
                        .orElseThrow()
                        .keys())
                .as("the operator's own location may use the default credential chain")
                .isEmpty();
    }

    @Test
    void aBadAllowlistEntryFailsAtStartup() {
        assertThatThrownBy(() -> BackupDefaults.of("", "", "", "ftp://x/y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BackupDefaults.of("", "", "", " ").allowed()).isEmpty();
    }
}

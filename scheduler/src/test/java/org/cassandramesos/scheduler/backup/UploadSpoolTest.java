package org.cassandramesos.scheduler.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadSpoolTest {
    @Test
    void uploadsPastTheConcurrencyLimitOrTheBudgetAreBusyUntilOthersEnd() {
        UploadSpool spool = new UploadSpool(2, 100);
        UploadSpool.Reservation first = spool.reserve(60);

        assertThatThrownBy(() -> spool.reserve(41))
                .isInstanceOf(BackupProblem.class)
                .satisfies(e -> assertThat(((BackupProblem) e).kind()).isEqualTo(BackupProblem.Kind.BUSY))
                .hasMessageContaining("BACKUP_SPOOL_BUDGET_MB");
        UploadSpool.Reservation second = spool.reserve(40);
        assertThatThrownBy(() -> spool.reserve(0)).hasMessageContaining("BACKUP_MAX_CONCURRENT_UPLOADS");

        first.close();
        first.close(); // twice gives back once
        assertThatThrownBy(() -> spool.reserve(61)).hasMessageContaining("BACKUP_SPOOL_BUDGET_MB");
        spool.reserve(60).close();
        second.close();
        spool.reserve(100).close();
    }
}

package org.cassandramesos.bench.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cassandramesos.bench.backup.BackupTable.Mode;
import org.cassandramesos.bench.backup.BackupTable.Sample;
import org.junit.jupiter.api.Test;

class BackupTableTest {
    private static final long MB = 1024 * 1024;

    @Test
    void fullUploadsAreComparedByThroughputAgainstThePlainUpload() {
        Mode plain = new Mode(
                "plain",
                List.of(
                        new Sample(2.0, 200 * MB, 200 * MB),
                        new Sample(4.0, 200 * MB, 200 * MB),
                        new Sample(2.5, 200 * MB, 200 * MB)));
        Mode backup = new Mode(
                "backup",
                List.of(
                        new Sample(4.0, 200 * MB, 201 * MB),
                        new Sample(5.0, 200 * MB, 201 * MB),
                        new Sample(5.0, 200 * MB, 201 * MB)));

        String md = BackupTable.throughput(plain, List.of(plain, backup));

        // plain: median 2.5 s → 80 MB/s; backup: median 5 s → 40 MB/s
        assertThat(md)
                .contains("| plain | 3 | 200.0 | 200.0 | 2.50 | 2.00 | 4.00 | 80.0 | 1.00 |")
                .contains("| backup | 3 | 200.0 | 201.0 | 5.00 | 4.00 | 5.00 | 40.0 | 0.50 |")
                // run by run: 0.5, 0.8, 0.5
                .contains("Paired ratio backup / plain MB/s (run i against run i, median): 0.50");
    }

    @Test
    void incrementalsAreComparedByTimeAgainstTheFullBackupAndShowWhatTheyUploaded() {
        Mode full = new Mode("full", List.of(new Sample(10.0, 200 * MB, 200 * MB)));
        Mode unchanged = new Mode("unchanged", List.of(new Sample(2.0, 200 * MB, 0)));
        Mode grown = new Mode("grown", List.of(new Sample(4.0, 220 * MB, 22 * MB)));

        String md = BackupTable.incremental(full, List.of(full, unchanged, grown));

        assertThat(md)
                .contains("| full | 1 | 200.0 | 200.0 | 100.0 | 10.00 | 10.00 | 10.00 | 1.00 |")
                .contains("| unchanged | 1 | 200.0 | 0.0 | 0.0 | 2.00 | 2.00 | 2.00 | 0.20 |")
                .contains("| grown | 1 | 220.0 | 22.0 | 10.0 | 4.00 | 4.00 | 4.00 | 0.40 |");
        assertThat(BackupTable.runs(List.of(full, unchanged))).isEqualTo("Runs (s): full [10.00]; unchanged [2.00]\n");
    }

    @Test
    void aModeWithoutRunsIsRejected() {
        assertThatThrownBy(() -> new Mode("empty", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.cassandramesos.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchTableTest {
    @Test
    void medianOfAnOddAndAnEvenNumberOfRuns() {
        assertThat(new LaunchTable.Mode("m", List.of(9.0, 7.0, 8.0)).median()).isEqualTo(8.0);
        assertThat(new LaunchTable.Mode("m", List.of(4.0, 1.0, 3.0, 2.0)).median())
                .isEqualTo(2.5);
    }

    @Test
    void everyModeIsSetAgainstTheBaselineMedian() {
        LaunchTable.Mode hand = new LaunchTable.Mode("by hand", List.of(6.0, 8.0, 7.0));
        LaunchTable.Mode mesos = new LaunchTable.Mode("mesos", List.of(10.0, 14.0, 11.5));

        String md = LaunchTable.render("# t\n\n", hand, List.of(hand, mesos));

        assertThat(md)
                .contains("| by hand | 3 | 7.00 | 6.00 | 8.00 | 1.00 |")
                .contains("| mesos | 3 | 11.50 | 10.00 | 14.00 | 1.64 |")
                .contains("Runs (s): by hand [6.00, 8.00, 7.00]; mesos [10.00, 14.00, 11.50]")
                .contains("Paired ratio mesos / by hand (run i against run i, median): 1.67");
    }

    @Test
    void aModeWithoutRunsIsRejected() {
        assertThatThrownBy(() -> new LaunchTable.Mode("empty", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

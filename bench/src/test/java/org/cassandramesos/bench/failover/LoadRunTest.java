package org.cassandramesos.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadRunTest {
    @Test
    void percentileIsTheNearestRankOfTheSortedValues() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(LoadRun.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(LoadRun.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(LoadRun.percentile(sorted, 0.1)).isEqualTo(1);
        assertThat(LoadRun.percentile(new long[0], 0.99)).isZero();
    }

    @Test
    void loadGoesToLoopbackAddressesOnly() {
        assertThatThrownBy(() -> new LoadRun("x", URI.create("http://10.0.0.1:9000/v1/plan"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThat(new LoadRun("x", URI.create("http://127.0.0.1:9000/v1/plan"), Optional.empty())
                        .uri()
                        .getPort())
                .isEqualTo(9000);
    }
}

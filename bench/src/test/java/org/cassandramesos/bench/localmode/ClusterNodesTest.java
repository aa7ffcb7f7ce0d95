package org.cassandramesos.bench.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.junit.jupiter.api.Test;

class ClusterNodesTest {
    @Test
    void seedsListThePlacedSeedsAndThemselvesAsTheSchedulerDoes() {
        List<CassandraNodeSpec> specs = ClusterNodes.specs(3, 256);

        assertThat(specs)
                .extracting(CassandraNodeSpec::seeds)
                .containsExactly(
                        List.of("127.0.0.2"), List.of("127.0.0.2", "127.0.0.3"), List.of("127.0.0.2", "127.0.0.3"));
        assertThat(specs).allSatisfy(spec -> {
            assertThat(spec.heapMb()).isEqualTo(256);
            assertThat(spec.fastStart()).isTrue();
            assertThat(spec.numTokens()).isEqualTo(16);
        });
        assertThat(ClusterNodes.ip(2)).isEqualTo("127.0.0.4");
    }
}

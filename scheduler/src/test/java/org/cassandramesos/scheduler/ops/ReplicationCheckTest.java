package org.cassandramesos.scheduler.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;
import org.junit.jupiter.api.Test;

class ReplicationCheckTest {
    private static KeyspaceReplication simple(String name, String factor) {
        return new KeyspaceReplication(
                name, Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", factor));
    }

    private static KeyspaceReplication nts(String name, Map<String, String> factors) {
        java.util.Map<String, String> replication = new java.util.HashMap<>(factors);
        replication.put("class", "org.apache.cassandra.locator.NetworkTopologyStrategy");
        return new KeyspaceReplication(name, replication);
    }

    @Test
    void cassandrasOwnKeyspacesCountAsCassandraCountsThemLocalStrategyNeedsNoNodes() {
        List<KeyspaceReplication> fresh = NodeApiDouble.CASSANDRA_KEYSPACES;

        assertThat(ReplicationCheck.shortfalls(fresh, "dc1", 3)).isEmpty();
        assertThat(ReplicationCheck.shortfalls(fresh, "dc1", 2))
                .containsExactly("keyspace system_distributed has replication factor 3 in dc1 (SimpleStrategy), more"
                        + " than the 2 node(s) that would remain");
    }

    @Test
    void networkTopologyCountsOnlyThisDatacentersFactor() {
        List<KeyspaceReplication> keyspaces = List.of(nts("orders", Map.of("dc1", "2", "dc2", "5")));

        assertThat(ReplicationCheck.shortfalls(keyspaces, "dc1", 2)).isEmpty();
        assertThat(ReplicationCheck.shortfalls(keyspaces, "dc1", 1)).hasSize(1);
        assertThat(ReplicationCheck.shortfalls(keyspaces, "dc3", 1)).isEmpty();
    }

    @Test
    void transientReplicasCountLikeFullOnesAndAnUnreadableFactorNeverShrinks() {
        assertThat(ReplicationCheck.shortfalls(List.of(simple("t", "3/1")), "dc1", 2))
                .hasSize(1);
        assertThat(ReplicationCheck.shortfalls(List.of(simple("t", "three")), "dc1", 100))
                .hasSize(1);
        assertThat(ReplicationCheck.shortfalls(List.of(simple("demo", "3")), "dc1", 3))
                .isEmpty();
    }
}

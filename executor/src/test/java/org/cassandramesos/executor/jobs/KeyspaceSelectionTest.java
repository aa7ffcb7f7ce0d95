package org.cassandramesos.executor.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyspaceSelectionTest {
    private static final List<String> EXISTING = List.of(
            "system", "system_schema", "system_auth", "system_distributed", "system_traces", "shop", "analytics");

    @Test
    void noKeyspacesRequestedMeansEveryNonSystemKeyspace() {
        assertThat(KeyspaceSelection.select(List.of(), EXISTING)).containsExactly("analytics", "shop");
    }

    @Test
    void requestedKeyspacesAreKeptInOrderOnce() {
        assertThat(KeyspaceSelection.select(List.of("shop", "system_auth", "shop"), EXISTING))
                .containsExactly("shop", "system_auth");
    }

    @Test
    void aMissingKeyspaceIsNamed() {
        assertThatThrownBy(() -> KeyspaceSelection.select(List.of("shop", "nope"), EXISTING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyspace 'nope' does not exist");
        assertThatThrownBy(() -> KeyspaceSelection.select(List.of("a", "b"), EXISTING))
                .hasMessage("keyspaces 'a', 'b' do not exist");
    }

    @Test
    void repairOptionsAreFullPrimaryRangeRepairOfTheNamedTables() {
        assertThat(KeyspaceOperations.repairOptions(List.of("users", "orders")))
                .containsEntry("primaryRange", "true")
                .containsEntry("incremental", "false")
                .containsEntry("ignoreUnreplicatedKeyspaces", "true")
                .containsEntry("columnFamilies", "users,orders");
        assertThat(KeyspaceOperations.repairOptions(List.of())).doesNotContainKey("columnFamilies");
    }
}

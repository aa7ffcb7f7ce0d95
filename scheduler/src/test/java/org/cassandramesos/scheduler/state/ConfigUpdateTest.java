package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class ConfigUpdateTest {
    private final ConfigStore store = new ConfigStore(new MemoryPersister());
    private final ServiceConfig config = ServiceConfig.defaults("cassandra");

    @Test
    void theFirstValidConfigBecomesTheTarget() {
        ConfigUpdate update = ConfigUpdate.apply(store, config);

        assertThat(update.errors()).isEmpty();
        assertThat(update.target()).isEqualTo(store.target());
        assertThat(update.target()).map(ConfigVersion::config).contains(config);
    }

    @Test
    void anUnchangedConfigKeepsItsId() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();

        assertThat(ConfigUpdate.apply(store, config).target()).contains(first);
        assertThat(store.ids()).hasSize(1);
    }

    @Test
    void aChangedConfigBecomesANewTarget() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();
        ServiceConfig bigger = config.withNodes(config.nodes().withCount(5));

        ConfigVersion second = ConfigUpdate.apply(store, bigger).target().orElseThrow();

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(store.targetId()).contains(second.id());
    }

    @Test
    void goingBackToAnEarlierConfigMakesItsVersionTheTargetAgain() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();
        ServiceConfig bigger = config.withNodes(config.nodes().withCount(5));
        ConfigUpdate.apply(store, bigger);
        ServiceConfig smallerHeap = bigger.withNodes(bigger.nodes()
                .withResources(
                        bigger.nodes().cpus(),
                        bigger.nodes().memMb(),
                        bigger.nodes().diskMb(),
                        1024));
        ConfigVersion third = ConfigUpdate.apply(store, smallerHeap).target().orElseThrow();

        ConfigVersion back = ConfigUpdate.apply(store, bigger).target().orElseThrow();

        assertThat(back.id()).isNotEqualTo(third.id()).isNotEqualTo(first.id());
        assertThat(back.config()).isEqualTo(bigger);
        assertThat(store.targetId()).contains(back.id());
        assertThat(store.ids()).hasSize(3);
    }

    @Test
    void aRefusedUpdateKeepsTheOldTargetAndSaysWhy() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();

        ConfigUpdate update = ConfigUpdate.apply(
                store, config.withNodes(config.nodes().withCount(1).withSeeds(1)));

        assertThat(update.target()).contains(first);
        assertThat(update.errors())
                .containsExactly("node count cannot decrease from 3 to 1; decommission nodes instead");
        assertThat(store.targetId()).contains(first.id());
    }

    @Test
    void anInvalidFirstConfigLeavesNoTarget() {
        ConfigUpdate update =
                ConfigUpdate.apply(store, config.withNodes(config.nodes().withCount(0)));

        assertThat(update.target()).isEmpty();
        assertThat(update.errors()).isNotEmpty();
    }
}

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

    private ServiceConfig heap(ServiceConfig base, int heapMb) {
        return base.withNodes(base.nodes()
                .withResources(
                        base.nodes().cpus(), base.nodes().memMb(), base.nodes().diskMb(), heapMb));
    }

    @Test
    void aChangedConfigBecomesANewTarget() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();
        ServiceConfig bigger = heap(config, 1536);

        ConfigVersion second = ConfigUpdate.apply(store, bigger).target().orElseThrow();

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(store.targetId()).contains(second.id());
    }

    @Test
    void goingBackToAnEarlierConfigMakesItsVersionTheTargetAgain() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();
        ServiceConfig bigger = heap(config, 1536);
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
                store,
                config.withCassandra(
                        new org.cassandramesos.scheduler.config.CassandraConfig("renamed", 16, java.util.Map.of())));

        assertThat(update.target()).contains(first);
        assertThat(update.errors()).containsExactly("cluster name cannot change from 'cassandra' to 'renamed'");
        assertThat(store.targetId()).contains(first.id());
    }

    @Test
    void aChangeOfTheNodeCountAloneKeepsTheIdSoNoNodeIsRelaunchedForIt() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();

        ConfigVersion more = ConfigUpdate.apply(
                        store, config.withNodes(config.nodes().withCount(5)))
                .target()
                .orElseThrow();
        ConfigVersion fewer = ConfigUpdate.apply(
                        store, config.withNodes(config.nodes().withCount(2)))
                .target()
                .orElseThrow();

        assertThat(more.id()).isEqualTo(first.id());
        assertThat(fewer.id()).isEqualTo(first.id());
        assertThat(store.target().orElseThrow().config().nodes().count()).isEqualTo(2);
        assertThat(store.ids()).hasSize(1);
    }

    @Test
    void aCountAddedThroughTheApiHoldsWhileTheDeployedCountIsUnchangedAndYieldsToANewOne() {
        ConfigVersion first = ConfigUpdate.apply(store, config).target().orElseThrow();
        store.storeAddedCount(
                first.id(), config.withNodes(config.nodes().withCount(4)), new ConfigStore.AddedCount(3, 4));

        assertThat(ConfigUpdate.apply(store, config)
                        .target()
                        .orElseThrow()
                        .config()
                        .nodes()
                        .count())
                .isEqualTo(4);
        assertThat(store.addedCount()).contains(new ConfigStore.AddedCount(3, 4));

        ConfigUpdate chosen =
                ConfigUpdate.apply(store, config.withNodes(config.nodes().withCount(6)));
        assertThat(chosen.target().orElseThrow().config().nodes().count()).isEqualTo(6);
        assertThat(store.addedCount()).isEmpty();
    }

    @Test
    void anInvalidFirstConfigLeavesNoTarget() {
        ConfigUpdate update =
                ConfigUpdate.apply(store, config.withNodes(config.nodes().withCount(0)));

        assertThat(update.target()).isEmpty();
        assertThat(update.errors()).isNotEmpty();
    }
}

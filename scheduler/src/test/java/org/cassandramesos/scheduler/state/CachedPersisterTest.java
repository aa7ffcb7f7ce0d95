package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache over a real ZooKeeper: the persister contract, and what it saves and forgets. */
class CachedPersisterTest extends PersisterContract {
    @RegisterExtension
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    private String service;
    private CuratorFramework client;
    private CuratorPersister zookeeper;
    private CachedPersister cache;

    @BeforeEach
    void freshNamespace() {
        service = "svc-" + UUID.randomUUID();
        client = ZK.newClient();
        zookeeper = new CuratorPersister(client, service);
        cache = CachedPersister.following(zookeeper, CuratorStateConnection.follow(client));
    }

    @Override
    Persister persister() {
        return cache;
    }

    @Test
    void onceReadOrWrittenTheStateIsReadWithoutAskingZooKeeper() {
        TaskStore written = new TaskStore(zookeeper); // before the cache knew anything
        for (String node : List.of("node-0", "node-1", "node-2")) {
            written.storeRecord(StoresTest.record(node));
        }
        TaskStore tasks = new TaskStore(cache);
        Map<String, NodeRecord> first = tasks.records(); // read once
        assertThat(first).hasSize(3);
        assertThat(tasks.control("node-2")).isEqualTo(NodeControl.DEFAULT);
        tasks.storeControl("node-1", NodeControl.DEFAULT.with(NodeControl.Intent.STOPPED, "stop")); // written
        cache.set("/plans/deploy/interrupted", bytes("false"));
        long reads = zookeeper.reads();

        for (int round = 0; round < 5; round++) {
            assertThat(tasks.records()).isEqualTo(first);
            assertThat(tasks.nodeNames()).containsExactly("node-0", "node-1", "node-2");
            assertThat(tasks.control("node-1").intent()).isEqualTo(NodeControl.Intent.STOPPED);
            assertThat(tasks.control("node-2")).isEqualTo(NodeControl.DEFAULT);
            assertThat(text(cache, "/plans/deploy/interrupted")).isEqualTo("false");
        }

        assertThat(zookeeper.reads()).isEqualTo(reads);
    }

    @Test
    void aRefusedWriteChangesNothingCached() {
        cache.set("/keep/child", bytes("c"));
        cache.set("/value", bytes("before"));
        long reads = zookeeper.reads();

        assertThatThrownBy(() -> cache.commit(Map.of("/value", bytes("after")), List.of("/keep")))
                .isInstanceOfSatisfying(
                        PersisterException.class,
                        e -> assertThat(e.mayHaveWritten()).isFalse());
        long planned = zookeeper.reads(); // the commit's own exists checks

        assertThat(text(cache, "/value")).isEqualTo("before");
        assertThat(text(cache, "/keep/child")).isEqualTo("c");
        assertThat(planned).isGreaterThan(reads);
        assertThat(zookeeper.reads()).as("still served from the cache").isEqualTo(planned);
    }

    @Test
    void aWriteWhoseOutcomeIsUnknownIsReadBackFromTheStore() {
        LosesAnswers store = new LosesAnswers();
        CachedPersister cached = new CachedPersister(store);
        cached.set("/n/status", bytes("old"));
        assertThat(cached.children("/n")).containsExactly("status");

        store.loseNextAnswer = true;
        assertThatThrownBy(() -> cached.commit(Map.of("/n/info", bytes("new")), List.of("/n/status")))
                .isInstanceOf(PersisterException.class);

        // the write reached the store although its answer was lost: the cache asks rather than keeps "old"
        assertThat(text(cached, "/n/info")).isEqualTo("new");
        assertThat(cached.get("/n/status")).isEmpty();
        assertThat(cached.children("/n")).containsExactly("info");
    }

    @Test
    void whileZooKeeperIsAwayReadsFailAndOnceBackTheStateIsReadAfresh() {
        cache.set("/framework-id", bytes("FW-1"));
        assertThat(text(cache, "/framework-id")).isEqualTo("FW-1");

        ZK.stopServer();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !client.getZookeeperClient().isConnected());
            assertThatThrownBy(() -> cache.get("/framework-id"))
                    .as("no answer from a cache ZooKeeper may contradict")
                    .isInstanceOf(PersisterException.class);
        } finally {
            ZK.restartServer();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.getZookeeperClient().isConnected());
        // changed behind the cache's back, which only a ZooKeeper read can tell
        new CuratorPersister(ZK.newClient(), service).set("/framework-id", bytes("FW-2"));
        long reads = zookeeper.reads();

        await().atMost(Duration.ofSeconds(10)).until(() -> "FW-2".equals(text(cache, "/framework-id")));
        assertThat(zookeeper.reads()).isGreaterThan(reads);
    }

    /** A store whose next write is applied but answered with a lost connection, as ZooKeeper may do. */
    private static final class LosesAnswers implements Persister {
        private final MemoryPersister memory = new MemoryPersister();
        boolean loseNextAnswer;

        @Override
        public Optional<byte[]> get(String path) {
            return memory.get(path);
        }

        @Override
        public void set(String path, byte[] value) {
            memory.set(path, value);
            answer();
        }

        @Override
        public void commit(Map<String, byte[]> values, Collection<String> deletes) {
            memory.commit(values, deletes);
            answer();
        }

        @Override
        public void delete(String path) {
            memory.delete(path);
            answer();
        }

        @Override
        public List<String> children(String path) {
            return memory.children(path);
        }

        private void answer() {
            if (loseNextAnswer) {
                loseNextAnswer = false;
                throw new PersisterException("connection lost before the answer");
            }
        }
    }
}

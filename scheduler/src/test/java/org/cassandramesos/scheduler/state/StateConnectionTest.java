package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler must stop acting while ZooKeeper is away and resume when it is back. */
class StateConnectionTest {
    @RegisterExtension
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    @Test
    void reportsDisconnectedWhileZooKeeperIsDownAndConnectedAgainAfter() {
        CuratorFramework client = ZK.newClient();
        CuratorStateConnection connection = CuratorStateConnection.follow(client);
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        connection.addListener(changes::add);
        CuratorPersister persister = new CuratorPersister(client, "conn");
        persister.set("/before", "kept".getBytes());
        assertThat(connection.isConnected()).isTrue();

        ZK.stopServer();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !connection.isConnected());
            assertThatThrownBy(() -> persister.get("/before"))
                    .isInstanceOf(PersisterException.class)
                    .hasMessageContaining("ZooKeeper could not read /before");
        } finally {
            ZK.restartServer();
        }

        await().atMost(Duration.ofSeconds(30)).until(connection::isConnected);
        assertThat(changes).containsSubsequence(false, true);
        assertThat(persister.get("/before")).map(String::new).contains("kept");
    }

    @Test
    void startsConnectedWhenFollowingAnAlreadyConnectedClient() {
        assertThat(CuratorStateConnection.follow(ZK.newClient()).isConnected()).isTrue();
        assertThat(StateConnection.alwaysConnected().isConnected()).isTrue();
    }
}

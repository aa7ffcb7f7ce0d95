package org.cassandramesos.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.scheduler.state.StateRoot;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Test;

/**
 * A leader killed with SIGKILL leaves its latch znode behind until its ZooKeeper session expires. Here the "killed"
 * leader's session is kept open on purpose (its client is still connected), so only the rule can elect the new one:
 * a leader that provably ran on this machine and is gone is removed at once; a live one, or one named by a Marathon task
 * id, never is.
 */
class GoneLeaderTest {
    private static final String NAMESPACE = StateRoot.of("gone-leader").namespace();

    @Test
    void aLeaderWhoseProcessIsGoneFromThisMachineIsReplacedAtOnce() throws Exception {
        long gone = exitedPid();
        String goneName = InstanceName.local().replaceFirst("^\\d+", Long.toString(gone));
        assertThat(InstanceName.provablyGone(goneName)).isTrue();
        try (TestingServer zookeeper = new TestingServer(true);
                CuratorFramework stale = client(zookeeper);
                CuratorFramework fresh = client(zookeeper);
                LeaderLatch staleLatch = new LeaderLatch(stale.usingNamespace(NAMESPACE), "/leader", goneName)) {
            staleLatch.start();
            await().atMost(Duration.ofSeconds(10)).until(staleLatch::hasLeadership);

            LeaderElection election = LeaderElection.join(fresh, NAMESPACE, InstanceName.local(), () -> {});
            assertThat(election.awaitElected(Duration.ofSeconds(10)))
                    .as("elected without waiting for the session")
                    .isTrue();
            election.stop();
        }
    }

    @Test
    void aLiveLeaderOrOneElsewhereKeepsItsLatch() throws Exception {
        Process live = new ProcessBuilder("sleep", "60").start();
        try (TestingServer zookeeper = new TestingServer(true);
                CuratorFramework other = client(zookeeper);
                CuratorFramework fresh = client(zookeeper)) {
            String liveName = InstanceName.local().replaceFirst("^\\d+", Long.toString(live.pid()));
            for (String name : new String[] {liveName, "cassandra.instance-3f2a", "1@another-host pidns=1 boot=x"}) {
                assertThat(InstanceName.provablyGone(name)).as(name).isFalse();
                try (LeaderLatch latch = new LeaderLatch(other.usingNamespace(NAMESPACE), "/leader", name)) {
                    latch.start();
                    await().atMost(Duration.ofSeconds(10)).until(latch::hasLeadership);
                    LeaderElection election = LeaderElection.join(fresh, NAMESPACE, InstanceName.local(), () -> {});
                    assertThat(election.awaitElected(Duration.ofSeconds(2)))
                            .as("%s still leads", name)
                            .isFalse();
                    assertThat(latch.hasLeadership()).isTrue();
                    election.stop();
                }
            }
        } finally {
            live.destroyForcibly();
        }
    }

    private static CuratorFramework client(TestingServer zookeeper) {
        return ZooKeeperClients.start(
                zookeeper.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(10), ZooKeeperFixture.ACCESS);
    }

    private static long exitedPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}

package org.cassandramesos.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.google.inject.Guice;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.scheduler.state.CuratorStateConnection;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Test;

/**
 * A real ZooKeeper goes away under an elected scheduler: Marathon's check (alive) keeps passing while the scheduler
 * waits, the connection checks fail, and once the session is gone, leadership is given up (the process then exits).
 */
class SchedulerHealthTest {

    @Test
    void aZooKeeperOutageLeavesTheSchedulerAliveButNotConnectedAndAnExpiredSessionEndsLeadership() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                CuratorFramework client = ZooKeeperClients.start(
                        zookeeper.getConnectString(),
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(10),
                        ZooKeeperFixture.ACCESS)) {
            AtomicInteger lost = new AtomicInteger();
            LeaderElection election = LeaderElection.join(
                    client,
                    org.cassandramesos.scheduler.state.StateRoot.of("health").namespace(),
                    "instance-1",
                    lost::incrementAndGet);
            assertThat(election.awaitElected(Duration.ofSeconds(10))).isTrue();
            Leadership leadership = new Leadership();
            leadership.acting(Guice.createInjector());
            StateConnection connection = CuratorStateConnection.follow(client);
            SchedulerHealth health = new SchedulerHealth(election, leadership, connection);
            HealthCheck alive = health.alive();
            HealthCheckRegistry connected = health.connected();

            assertThat(alive.execute().isHealthy()).isTrue();
            assertThat(connected.runHealthCheck("zookeeper").isHealthy()).isTrue();

            zookeeper.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> !connection.isConnected());
            HealthCheck.Result during = alive.execute();
            assertThat(during.isHealthy()).isTrue();
            assertThat(during.getMessage()).isEqualTo("leader; waiting for ZooKeeper (not acting meanwhile)");
            assertThat(during.getDetails())
                    .containsEntry("connected", false)
                    .containsEntry("zookeeper_connected", false);
            assertThat(connected.runHealthCheck("zookeeper").isHealthy()).isFalse();
            // a suspended connection alone does not give leadership up
            assertThat(lost).hasValue(0);

            // the outage outlasts the session: leadership is lost, once
            await().atMost(Duration.ofSeconds(60)).until(() -> lost.get() == 1);
            assertThat(election.isLeader()).isFalse();
            election.stop();
        }
    }
}

package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cassandramesos.scheduler.metrics.ObservedState;
import org.cassandramesos.scheduler.metrics.SchedulerMetrics;
import org.cassandramesos.scheduler.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /v1/metrics} passes the standby and ZooKeeper gates that answer every other {@code /v1} route 503: a standby,
 * or a leader without ZooKeeper, still says so in its metrics (authentication is before both gates and is tested with
 * the whole app in MetricsComponentTest).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsThroughTheGatesTest {
    private final AtomicBoolean acting = new AtomicBoolean(false);
    private final AtomicBoolean zookeeper = new AtomicBoolean(false);
    private final SchedulerMetrics metrics = new SchedulerMetrics();
    private final ResourceExtension resources = ResourceExtension.builder()
            .addResource(new MetricsResource(metrics))
            .addResource(new ReadinessResource(() -> true))
            .addProvider(new StandbyGate(acting::get))
            .addProvider(new ZooKeeperGate(zookeeper::get))
            .build();

    MetricsThroughTheGatesTest() {
        metrics.observe(new ObservedState() {
            @Override
            public boolean acting() {
                return acting.get();
            }

            @Override
            public boolean mesosSubscribed() {
                return false;
            }

            @Override
            public boolean mesosReconciled() {
                return false;
            }

            @Override
            public boolean zookeeperConnected() {
                return zookeeper.get();
            }

            @Override
            public List<Plan> plans() {
                return List.of();
            }

            @Override
            public Map<String, String> nodeStates() {
                return Map.of();
            }
        });
    }

    @Test
    void aStandbyWithoutZooKeeperAnswersItsMetricsAndSaysSo() {
        assertThat(resources.target("/ready").request().get().getStatus())
                .as("the standby gate is on")
                .isEqualTo(503);

        Response answer = resources.target("/v1/metrics").request().get();

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getMediaType().toString()).startsWith("text/plain");
        assertThat(answer.readEntity(String.class))
                .contains(
                        "cassandra_mesos_leader 0.0",
                        "cassandra_mesos_zookeeper_connected 0.0",
                        "# TYPE cassandra_mesos_offers_received_total counter");
    }

    @Test
    void aLeaderWhoseZooKeeperIsAwayAnswersItsMetricsAndSaysSo() {
        acting.set(true);

        Response answer = resources.target("/v1/metrics").request().get();

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.readEntity(String.class))
                .contains("cassandra_mesos_leader 1.0", "cassandra_mesos_zookeeper_connected 0.0");
        zookeeper.set(true);
        assertThat(resources.target("/v1/metrics").request().get().readEntity(String.class))
                .contains("cassandra_mesos_zookeeper_connected 1.0");
    }
}

package org.cassandramesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.cassandramesos.scheduler.offer.TestOffers.PRINCIPAL;
import static org.cassandramesos.scheduler.offer.TestOffers.ROLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.DiscoveryInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

/** The TaskInfo the scheduler launches a node with, as the offer evaluator builds it (the production path). */
class TaskInfoFactoryTest {
    private static final UUID CONFIG_ID = UUID.fromString("6c0e2f7a-0000-4000-8000-000000000002");
    private static final FrameworkID FRAMEWORK =
            FrameworkID.newBuilder().setValue("FW").build();

    private final ServiceConfig config = ServiceConfig.defaults("cassandra").withIdentity("cassandra", ROLE, PRINCIPAL);

    private static PendingNode pending(ServiceConfig config, Optional<NodeReservation> reservation) {
        return new PendingNode(
                NodeRequirement.of("node-0", config),
                reservation,
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of("10.0.0.1"), true, Optional.empty()));
    }

    private static Evaluation.Recommendation recommend(ServiceConfig config, PendingNode node, Offer offer) {
        Evaluation evaluation = new OfferEvaluator(config).evaluate(node, offer);
        assertThat(evaluation).isInstanceOf(Evaluation.Recommendation.class);
        return (Evaluation.Recommendation) evaluation;
    }

    @Test
    void listsEveryPortOfTheNodeForDiscoveryAndLabelsTheMetricsPortForDcosMetrics() {
        TaskInfo task = recommend(
                        config,
                        pending(config, Optional.empty()),
                        TestOffers.roomy("AG1", "10.0.0.1").build())
                .task();

        DiscoveryInfo discovery = task.getDiscovery();
        assertThat(discovery.getVisibility()).isEqualTo(DiscoveryInfo.Visibility.CLUSTER);
        assertThat(discovery.getName()).isEqualTo("node-0");
        assertThat(discovery.getPorts().getPortsList())
                .extracting(Port::getName, Port::getNumber, Port::getProtocol)
                .containsExactly(
                        tuple("jmx", 7199, "tcp"),
                        tuple("metrics", 7070, "tcp"),
                        tuple("native", 9042, "tcp"),
                        tuple("node_api", 9001, "tcp"),
                        tuple("storage", 7000, "tcp"));
        Port metrics = discovery.getPorts().getPorts(1);
        assertThat(metrics.getLabels().getLabelsList())
                .extracting(Label::getKey, Label::getValue)
                .containsExactly(
                        tuple("DCOS_METRICS_FORMAT", "prometheus"), tuple("DCOS_METRICS_ENDPOINT", "/metrics"));
        assertThat(discovery.getPorts().getPortsList())
                .filteredOn(port -> !port.getName().equals("metrics"))
                .allSatisfy(
                        port -> assertThat(port.getLabels().getLabelsCount()).isZero());
        assertThat(TaskData.decode(task.getData(), CassandraNodeSpec.class).ports())
                .isEqualTo(new CassandraNodeSpec.Ports(9042, 7000, 7199, 9001, 7070));
    }

    @Test
    void aNodeReservedBeforeTheMetricsPortExistedRelaunchesOnItsReservationWithoutOne() {
        ServiceConfig before = config.withPorts(config.ports().withMetrics(null));
        Evaluation.Recommendation first = recommend(
                before,
                pending(before, Optional.empty()),
                TestOffers.roomy("AG1", "10.0.0.1").build());
        assertThat(first.reservation().ports()).doesNotContainKey("metrics");
        List<Resource> reserved =
                new ArrayList<>(first.operations().get(0).getReserve().getResourcesList());
        reserved.removeIf(r -> r.getName().equals("disk"));
        reserved.add(first.operations().get(1).getCreate().getVolumes(0));
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .cpus(4)
                .mem(1024)
                .ports(7070, 7070)
                .resources(reserved)
                .build();

        // the scheduler now runs with a metrics port (the update is accepted), the node relaunches on its reservation
        Evaluation.Recommendation relaunch =
                recommend(config, pending(config, Optional.of(first.reservation())), offer);

        assertThat(relaunch.operations()).extracting(Operation::getType).containsExactly(Operation.Type.LAUNCH);
        CassandraNodeSpec spec = TaskData.decode(relaunch.task().getData(), CassandraNodeSpec.class);
        assertThat(spec.ports().hasMetrics()).isFalse();
        assertThat(relaunch.task().getDiscovery().getPorts().getPortsList())
                .extracting(Port::getName)
                .containsExactly("jmx", "native", "node_api", "storage");
    }
}

package org.cassandramesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.scheduler.offer.TestOffers.PRINCIPAL;
import static org.cassandramesos.scheduler.offer.TestOffers.ROLE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.config.DiskType;
import org.cassandramesos.scheduler.config.PortsConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class OfferEvaluatorTest {
    private static final UUID CONFIG_ID = UUID.fromString("6c0e2f7a-0000-4000-8000-000000000001");
    private static final FrameworkID FRAMEWORK =
            FrameworkID.newBuilder().setValue("FW").build();

    private final ServiceConfig config = ServiceConfig.defaults("cassandra").withIdentity("cassandra", ROLE, PRINCIPAL);
    private final OfferEvaluator evaluator = new OfferEvaluator(config);

    private PendingNode firstLaunch(String node, List<PlacedNode> placed) {
        return new PendingNode(
                NodeRequirement.of(node, config),
                Optional.empty(),
                placed,
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of("10.0.0.9"), true, Optional.empty()));
    }

    private Evaluation.Recommendation recommend(OfferEvaluator with, PendingNode node, Offer offer) {
        Evaluation evaluation = with.evaluate(node, offer);
        assertThat(evaluation).isInstanceOf(Evaluation.Recommendation.class);
        return (Evaluation.Recommendation) evaluation;
    }

    private static String rejection(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(Evaluation.Rejection.class);
        return ((Evaluation.Rejection) evaluation).reason();
    }

    @Test
    @SuppressWarnings("deprecation") // asserts that the deprecated role field stays unset
    void firstLaunchReservesCreatesAVolumeAndLaunchesInOneAccept() {
        Offer offer = TestOffers.roomy("AG1", "10.0.0.1").build();

        Evaluation.Recommendation rec = recommend(evaluator, firstLaunch("node-0", List.of()), offer);

        assertThat(rec.operations())
                .extracting(Operation::getType)
                .containsExactly(Operation.Type.RESERVE, Operation.Type.CREATE, Operation.Type.LAUNCH);
        assertThat(rec.firstLaunch()).isTrue();
        assertThat(rec.offerId()).isEqualTo(offer.getId());

        List<Resource> reserved = rec.operations().get(0).getReserve().getResourcesList();
        assertThat(reserved).extracting(Resource::getName).containsExactly("cpus", "mem", "disk", "ports");
        assertThat(scalar(reserved, "cpus")).isEqualTo(1.1); // node 1.0 + executor 0.1
        assertThat(scalar(reserved, "mem")).isEqualTo(4352);
        assertThat(scalar(reserved, "disk")).isEqualTo(10240);
        for (Resource resource : reserved) {
            assertThat(resource.getAllocationInfo().getRole()).isEqualTo(ROLE);
            assertThat(resource.hasRole()).as("deprecated role field").isFalse();
            assertThat(resource.getReservationsCount()).isEqualTo(1);
            var reservation = resource.getReservations(0);
            assertThat(reservation.getType()).isEqualTo(Resource.ReservationInfo.Type.DYNAMIC);
            assertThat(reservation.getRole()).isEqualTo(ROLE);
            assertThat(reservation.getPrincipal()).isEqualTo(PRINCIPAL);
            assertThat(reservation.getLabels().getLabelsList())
                    .extracting(Label::getKey, Label::getValue)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "resource_id", rec.reservation().resourceId()),
                            org.assertj.core.groups.Tuple.tuple("node", "node-0"));
        }

        Resource volume = rec.operations().get(1).getCreate().getVolumes(0);
        assertThat(volume.getDisk().getPersistence().getId())
                .isEqualTo(rec.reservation().persistenceId());
        assertThat(volume.getDisk().getPersistence().getPrincipal()).isEqualTo(PRINCIPAL);
        assertThat(volume.getDisk().getVolume().getContainerPath()).isEqualTo("volume");
        assertThat(UUID.fromString(rec.reservation().persistenceId())).isNotNull();

        TaskInfo task = rec.operations().get(2).getLaunch().getTaskInfos(0);
        assertThat(task).isEqualTo(rec.task());
        assertThat(task.getResourcesList()).contains(volume);
        assertThat(scalar(task.getResourcesList(), "cpus")).isEqualTo(1.0);
        assertThat(scalar(task.getResourcesList(), "mem")).isEqualTo(4096);
        assertThat(task.getAgentId().getValue()).isEqualTo("AG1");
    }

    @Test
    void withTheSecretStoreTheExecutorReferencesTheNodeApiTokenSecretAndCarriesNoValue() {
        ServiceConfig enterprise = config.withExecutor(config.executor()
                .withSecretsDelivery(org.cassandramesos.scheduler.config.SecretsDelivery.SECRET_STORE));
        TaskInfo task = recommend(
                        new OfferEvaluator(enterprise),
                        firstLaunch("node-0", List.of()),
                        TestOffers.roomy("AG1", "10.0.0.1").build())
                .task();

        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .anySatisfy(
                        v -> assertThat(v.getName() + "=" + v.getValue()).isEqualTo("SECRETS_DELIVERY=secret-store"))
                .anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo("NODE_API_TOKEN");
                    assertThat(v.getType()).isEqualTo(Environment.Variable.Type.SECRET);
                    assertThat(v.getSecret().getReference().getName())
                            .isEqualTo(config.serviceName() + "/node-api-token");
                    assertThat(v.hasValue()).isFalse();
                });
    }

    @Test
    void theExecutorGetsTheLogFormatAsAPlainVariableTextByDefault() {
        ServiceConfig json = config.withExecutor(
                config.executor().withLogFormat(org.cassandramesos.scheduler.config.LogFormat.JSON));
        TaskInfo plain = recommend(
                        evaluator,
                        firstLaunch("node-0", List.of()),
                        TestOffers.roomy("AG1", "10.0.0.1").build())
                .task();
        TaskInfo task = recommend(
                        new OfferEvaluator(json),
                        firstLaunch("node-0", List.of()),
                        TestOffers.roomy("AG1", "10.0.0.1").build())
                .task();

        assertThat(plain.getExecutor().getCommand().getEnvironment().getVariablesList())
                .anySatisfy(v -> assertThat(v.getName() + "=" + v.getValue()).isEqualTo("LOG_FORMAT=text"));
        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .anySatisfy(v -> {
                    assertThat(v.getName() + "=" + v.getValue()).isEqualTo("LOG_FORMAT=json");
                    assertThat(v.getType()).isNotEqualTo(Environment.Variable.Type.SECRET);
                });
    }

    @Test
    void taskRunsTheNodeUnderACustomExecutorWithItsSpecInData() {
        Offer offer = TestOffers.roomy("AG1", "10.0.0.1").build();

        TaskInfo task =
                recommend(evaluator, firstLaunch("node-0", List.of()), offer).task();

        assertThat(task.getName()).isEqualTo("node-0");
        assertThat(task.getTaskId().getValue()).matches("node-0__[0-9a-f-]{36}");
        assertThat(TaskIds.nodeName(task.getTaskId())).isEqualTo("node-0");
        assertThat(task.getLabels().getLabelsList())
                .extracting(Label::getKey, Label::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("config_id", CONFIG_ID.toString()));

        ExecutorInfo executor = task.getExecutor();
        assertThat(executor.getType()).isEqualTo(ExecutorInfo.Type.CUSTOM);
        assertThat(executor.getExecutorId().getValue()).isEqualTo("node-0-executor");
        assertThat(executor.getFrameworkId()).isEqualTo(FRAMEWORK);
        // a SHUTDOWN gives Cassandra time to drain, not the agent's 5 s default
        assertThat(executor.getShutdownGracePeriod().getNanoseconds()).isEqualTo(60_000_000_000L);
        TaskInfo longer = recommend(
                        new OfferEvaluator(config, java.time.Duration.ofSeconds(90)),
                        firstLaunch("node-0", List.of()),
                        offer)
                .task();
        assertThat(longer.getExecutor().getShutdownGracePeriod().getNanoseconds())
                .isEqualTo(90_000_000_000L);
        assertThat(executor.getCommand().getValue()).isEqualTo(config.executor().command());
        assertThat(executor.getCommand().getUrisList())
                .extracting(u -> u.getValue())
                .containsExactly(
                        config.executor().javaRuntimeUri(),
                        config.executor().executorUri(),
                        config.executor().cassandraUri());
        assertThat(executor.getCommand().getEnvironment().getVariablesList())
                .anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo("NODE_NAME");
                    assertThat(v.getValue()).isEqualTo("node-0");
                })
                .anySatisfy(v -> assertThat(v.getName() + "=" + v.getValue()).isEqualTo("SECRETS_DELIVERY=message"))
                .noneSatisfy(v -> assertThat(v.getType()).isEqualTo(Environment.Variable.Type.SECRET))
                .noneSatisfy(v -> assertThat(v.getName()).isEqualTo("NODE_API_TOKEN"));
        assertThat(scalar(executor.getResourcesList(), "cpus")).isEqualTo(0.1);
        assertThat(scalar(executor.getResourcesList(), "mem")).isEqualTo(256);
        assertThat(executor.getResourcesList())
                .allSatisfy(r -> assertThat(r.getReservationsCount()).isEqualTo(1));

        CassandraNodeSpec spec = TaskData.decode(task.getData(), CassandraNodeSpec.class);
        assertThat(spec.nodeName()).isEqualTo("node-0");
        assertThat(spec.configId()).isEqualTo(CONFIG_ID.toString());
        assertThat(spec.ports()).isEqualTo(new CassandraNodeSpec.Ports(9042, 7000, 7199, 9001, 7070));
        // a later seed bootstraps from the seeds before it: it does not list itself
        assertThat(spec.seeds()).containsExactly("10.0.0.9");
        assertThat(spec.heapMb()).isEqualTo(2048);
        assertThat(spec.volumePath()).isEqualTo("volume");
        assertThat(spec.rack()).isEqualTo("rack1");
        assertThat(spec.datacenter()).isEqualTo("datacenter1");
        assertThat(spec.cqlAuthentication()).isTrue();
        assertThat(spec.cqlSuperuser()).isEqualTo("cassandra_mesos_admin");
        // the CQL password travels in the sealed secret bundle, never in the TaskInfo (docs/secrets.md)
        assertThat(executor.getCommand().getEnvironment().getVariablesList())
                .noneSatisfy(v -> assertThat(v.getName()).isEqualTo("CQL_PASSWORD"));
    }

    @Test
    void rejectsAnOfferWithTooLittleMemoryAndSaysHowMuch() {
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .cpus(4)
                .mem(2048)
                .disk(20000)
                .ports(7000, 10000)
                .build();

        assertThat(rejection(evaluator.evaluate(firstLaunch("node-0", List.of()), offer)))
                .isEqualTo("insufficient mem: offered 2048 < needed 4352");
    }

    @Test
    void listsEveryShortfallAtOnce() {
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .cpus(0.5)
                .mem(8192)
                .ports(31000, 31010)
                .build();

        assertThat(rejection(evaluator.evaluate(firstLaunch("node-0", List.of()), offer)))
                .isEqualTo(
                        "insufficient cpus: offered 0.5 < needed 1.1; insufficient disk: offered 0 < needed 10240; "
                                + "port 9042 (native), 7000 (storage), 7199 (jmx), 9001 (node_api), 7070 (metrics) not offered");
    }

    @Test
    void rejectsByPlacementConstraintBeforeLookingAtResources() {
        Offer offer = TestOffers.roomy("AG2", "127.0.0.2").build();
        var placed = List.of(new PlacedNode("node-1", TestOffers.facts("127.0.0.2", Map.of())));

        assertThat(rejection(evaluator.evaluate(firstLaunch("node-2", placed), offer)))
                .isEqualTo("constraint hostname:UNIQUE: node-1 already on 127.0.0.2");
    }

    @Test
    void dynamicPortsComeFromTheOfferedRangesAndNeverCollide() {
        ServiceConfig dynamic = config.withPorts(
                new PortsConfig(PortsConfig.DYNAMIC, 31001, PortsConfig.DYNAMIC, PortsConfig.DYNAMIC, null));
        OfferEvaluator withDynamicPorts = new OfferEvaluator(dynamic);
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .cpus(4)
                .mem(8192)
                .disk(20000)
                .ports(31000, 31002, 32000, 32000)
                .build();
        PendingNode node = new PendingNode(
                NodeRequirement.of("node-0", dynamic),
                Optional.empty(),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), false, Optional.empty()));

        Evaluation.Recommendation rec = recommend(withDynamicPorts, node, offer);

        assertThat(rec.ports())
                .containsOnly(
                        Map.entry("native", 31000), Map.entry("storage", 31001),
                        Map.entry("jmx", 31002), Map.entry("node_api", 32000));
        Resource reservedPorts = rec.operations().get(0).getReserve().getResourcesList().stream()
                .filter(r -> r.getName().equals("ports"))
                .findFirst()
                .orElseThrow();
        assertThat(reservedPorts.getRanges().getRangeList())
                .extracting(Value.Range::getBegin, Value.Range::getEnd)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(31000L, 31002L),
                        org.assertj.core.groups.Tuple.tuple(32000L, 32000L));
        CassandraNodeSpec spec = TaskData.decode(rec.task().getData(), CassandraNodeSpec.class);
        assertThat(spec.ports()).isEqualTo(new CassandraNodeSpec.Ports(31000, 31001, 31002, 32000));
    }

    @Test
    void tooFewPortsForTheDynamicOnesIsAReason() {
        ServiceConfig dynamic = config.withPorts(PortsConfig.allDynamic());
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .cpus(4)
                .mem(8192)
                .disk(20000)
                .ports(31000, 31002)
                .build();
        PendingNode node = new PendingNode(
                NodeRequirement.of("node-0", dynamic),
                Optional.empty(),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), false, Optional.empty()));

        assertThat(rejection(new OfferEvaluator(dynamic).evaluate(node, offer))).startsWith("insufficient ports");
    }

    @Test
    void mountDiskNodesTakeTheSmallestFittingMountDiskWhole() {
        ServiceConfig mount = config.withNodes(config.nodes().withDiskType(DiskType.MOUNT));
        Offer offer = TestOffers.roomy("AG1", "10.0.0.1")
                .mountDisk(500_000, "/mnt/big")
                .mountDisk(20_000, "/mnt/small")
                .mountDisk(5_000, "/mnt/tiny")
                .build();
        PendingNode node = new PendingNode(
                NodeRequirement.of("node-0", mount),
                Optional.empty(),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), true, Optional.empty()));

        Evaluation.Recommendation rec = recommend(new OfferEvaluator(mount), node, offer);

        Resource volume = rec.operations().get(1).getCreate().getVolumes(0);
        assertThat(volume.getScalar().getValue()).isEqualTo(20_000);
        assertThat(volume.getDisk().getSource().getMount().getRoot()).isEqualTo("/mnt/small");
        assertThat(volume.getDisk().getPersistence().getId())
                .isEqualTo(rec.reservation().persistenceId());
        assertThat(rec.task().getResourcesList()).contains(volume);
    }

    @Test
    void mountAndRootDisksAreNotInterchangeable() {
        ServiceConfig mount = config.withNodes(config.nodes().withDiskType(DiskType.MOUNT));
        PendingNode mountNode = new PendingNode(
                NodeRequirement.of("node-0", mount),
                Optional.empty(),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), true, Optional.empty()));

        assertThat(rejection(new OfferEvaluator(mount)
                        .evaluate(
                                mountNode,
                                TestOffers.roomy("AG1", "10.0.0.1")
                                        .mountDisk(5_000, "/mnt/tiny")
                                        .build())))
                .isEqualTo("no MOUNT disk of at least 10240 MB offered");
        assertThat(rejection(evaluator.evaluate(
                        firstLaunch("node-0", List.of()),
                        TestOffers.agent("AG1", "10.0.0.1")
                                .cpus(4)
                                .mem(8192)
                                .ports(7000, 10000)
                                .mountDisk(500_000, "/mnt/big")
                                .build())))
                .isEqualTo("insufficient disk: offered 0 < needed 10240");
    }

    @Test
    void rackIsTheConfiguredAgentAttribute() {
        ServiceConfig racked = config.withPlacement(config.placement().withRackAttribute("rack"));
        Offer offer =
                TestOffers.roomy("AG1", "10.0.0.1").attribute("rack", "rack-b").build();

        Evaluation.Recommendation rec = recommend(new OfferEvaluator(racked), firstLaunch("node-0", List.of()), offer);

        assertThat(rec.rack()).isEqualTo("rack-b");
        assertThat(TaskData.decode(rec.task().getData(), CassandraNodeSpec.class)
                        .rack())
                .isEqualTo("rack-b");
        assertThat(new OfferEvaluator(racked).rackOf(TestOffers.facts("h", Map.of())))
                .isEqualTo("rack1");
    }

    @Test
    void reservesOnlyUnreservedResourcesOfOurRole() {
        Resource otherRole = Resource.newBuilder()
                .setName("mem")
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(65536))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("other-role"))
                .build();
        Resource otherPrincipal = TestOffers.scalar("mem", 65536).toBuilder()
                .addReservations(ReservationLabels.reservation(ROLE, "someone-else", "x", "node-0"))
                .build();
        Resource staticallyReserved = TestOffers.scalar("mem", 65536).toBuilder()
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.STATIC)
                        .setRole(ROLE))
                .build();
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .cpus(4)
                .mem(1024)
                .disk(20000)
                .ports(7000, 10000)
                .resource(otherRole)
                .resource(otherPrincipal)
                .resource(staticallyReserved)
                .build();

        assertThat(rejection(evaluator.evaluate(firstLaunch("node-0", List.of()), offer)))
                .isEqualTo("insufficient mem: offered 1024 < needed 4352");
    }

    /** Turns a first launch's RESERVE + CREATE into what the agent offers back afterwards. */
    private static List<Resource> reservedAsOfferedBack(Evaluation.Recommendation first) {
        List<Resource> reserved =
                new ArrayList<>(first.operations().get(0).getReserve().getResourcesList());
        Resource volume = first.operations().get(1).getCreate().getVolumes(0);
        reserved.removeIf(r -> r.getName().equals("disk"));
        reserved.add(volume);
        return reserved;
    }

    @Test
    void relaunchFindsTheNodesReservationAndVolumeByLabelsEvenOnANewAgentId() {
        Evaluation.Recommendation first = recommend(
                evaluator,
                firstLaunch("node-0", List.of()),
                TestOffers.roomy("AG1", "10.0.0.1").build());
        // the agent rebooted and re-registered under a new id: the reservation and volume are still there
        Offer offer = TestOffers.agent("AG1-after-reboot", "10.0.0.1")
                .cpus(4)
                .mem(1024)
                .resources(reservedAsOfferedBack(first))
                .build();
        PendingNode relaunch = new PendingNode(
                NodeRequirement.of("node-0", config),
                Optional.of(first.reservation()),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of("10.0.0.1"), true, Optional.empty()));

        Evaluation.Recommendation rec = recommend(evaluator, relaunch, offer);

        assertThat(rec.firstLaunch()).isFalse();
        assertThat(rec.operations()).extracting(Operation::getType).containsExactly(Operation.Type.LAUNCH);
        TaskInfo task = rec.task();
        assertThat(task.getAgentId().getValue()).isEqualTo("AG1-after-reboot");
        assertThat(task.getResourcesList())
                .contains(first.operations().get(1).getCreate().getVolumes(0));
        assertThat(task.getResourcesList())
                .allSatisfy(r -> assertThat(ReservationLabels.resourceId(r.getReservations(0)))
                        .isEqualTo(first.reservation().resourceId()));
        assertThat(scalar(task.getResourcesList(), "mem")).isEqualTo(4096);
        assertThat(scalar(task.getExecutor().getResourcesList(), "mem")).isEqualTo(256);
        assertThat(task.getTaskId()).isNotEqualTo(first.task().getTaskId());
        assertThat(rec.reservation()).isEqualTo(first.reservation());
    }

    @Test
    void relaunchRefusesAnOfferWithoutTheNodesReservation() {
        Evaluation.Recommendation first = recommend(
                evaluator,
                firstLaunch("node-0", List.of()),
                TestOffers.roomy("AG1", "10.0.0.1").build());
        PendingNode relaunch = new PendingNode(
                NodeRequirement.of("node-0", config),
                Optional.of(first.reservation()),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), true, Optional.empty()));

        assertThat(rejection(evaluator.evaluate(
                        relaunch, TestOffers.roomy("AG2", "10.0.0.2").build())))
                .isEqualTo("no reservation of node-0 on agent 10.0.0.2");
    }

    @Test
    void relaunchRefusesWhileTheVolumeIsNotOffered() {
        Evaluation.Recommendation first = recommend(
                evaluator,
                firstLaunch("node-0", List.of()),
                TestOffers.roomy("AG1", "10.0.0.1").build());
        List<Resource> withoutDisk = first.operations().get(0).getReserve().getResourcesList().stream()
                .filter(r -> !r.getName().equals("disk"))
                .toList();
        PendingNode relaunch = new PendingNode(
                NodeRequirement.of("node-0", config),
                Optional.of(first.reservation()),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), true, Optional.empty()));

        assertThat(rejection(evaluator.evaluate(
                        relaunch,
                        TestOffers.agent("AG1", "10.0.0.1")
                                .resources(withoutDisk)
                                .build())))
                .isEqualTo("volume " + first.reservation().persistenceId()
                        + " of node-0 not offered (in use, or on another agent)");
    }

    @Test
    void relaunchCreatesTheVolumeAgainWhenOnlyTheReservationSurvived() {
        Evaluation.Recommendation first = recommend(
                evaluator,
                firstLaunch("node-0", List.of()),
                TestOffers.roomy("AG1", "10.0.0.1").build());
        PendingNode relaunch = new PendingNode(
                NodeRequirement.of("node-0", config),
                Optional.of(first.reservation()),
                List.of(),
                new LaunchContext(FRAMEWORK, CONFIG_ID, List.of(), true, Optional.empty()));
        Offer offer = TestOffers.agent("AG1", "10.0.0.1")
                .resources(first.operations().get(0).getReserve().getResourcesList())
                .build();

        Evaluation.Recommendation rec = recommend(evaluator, relaunch, offer);

        assertThat(rec.operations())
                .extracting(Operation::getType)
                .containsExactly(Operation.Type.CREATE, Operation.Type.LAUNCH);
        assertThat(rec.operations().get(0).getCreate().getVolumes(0))
                .isEqualTo(first.operations().get(1).getCreate().getVolumes(0));
    }

    @Test
    void leftoverReservationsOfOurPrincipalAreDestroyedAndUnreserved() {
        Evaluation.Recommendation first = recommend(
                evaluator,
                firstLaunch("node-0", List.of()),
                TestOffers.roomy("AG1", "10.0.0.1").build());
        List<Resource> offeredBack = reservedAsOfferedBack(first);
        Resource unlabelled = TestOffers.scalar("cpus", 0.5).toBuilder()
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole(ROLE)
                        .setPrincipal(PRINCIPAL))
                .build();
        OfferResources offer = evaluator.read(TestOffers.agent("AG1", "10.0.0.1")
                .cpus(2)
                .resources(offeredBack)
                .resource(unlabelled)
                .build());

        assertThat(Leftovers.release(offer, Set.of(first.reservation().resourceId())))
                .extracting(Operation::getType)
                .containsExactly(Operation.Type.UNRESERVE);
        List<Operation> release = Leftovers.release(offer, Set.of());

        assertThat(release)
                .extracting(Operation::getType)
                .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE);
        assertThat(release.get(0).getDestroy().getVolumesList())
                .containsExactly(first.operations().get(1).getCreate().getVolumes(0));
        List<Resource> unreserved = release.get(1).getUnreserve().getResourcesList();
        assertThat(unreserved)
                .hasSize(offeredBack.size() + 1)
                .contains(unlabelled)
                .allSatisfy(r -> assertThat(r.hasDisk()).isFalse());
        assertThat(unreserved).contains(first.operations().get(0).getReserve().getResources(2)); // the bare disk
    }

    @Test
    void evaluatesTenThousandOffersFromAThousandAgentsEachToAFitOrAReason() {
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int agent = i % 1000;
            String ip = "10." + (agent / 250) + "." + (agent % 250) + ".1";
            TestOffers builder = TestOffers.agent("AG" + agent, ip)
                    .cpus(i % 3 == 0 ? 0.5 : 8)
                    .mem(32768)
                    .disk(102400)
                    .ports(7000, 7000, 7070, 7070, 7199, 7199, 9001, 9001, 9042, 9042, 31000, 32000)
                    .attribute("rack", "r" + agent % 3);
            offers.add(builder.build());
        }
        List<PlacedNode> placed = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            placed.add(new PlacedNode("node-" + n, TestOffers.facts("10.0." + n + ".1", Map.of("rack", "r" + n % 3))));
        }
        OfferEvaluator grouped = new OfferEvaluator(
                config.withPlacement(config.placement().withConstraints("hostname:UNIQUE,rack:GROUP_BY:3")));
        OfferEvaluator.PreparedNode node = grouped.prepare(firstLaunch("node-100", placed));

        // how fast: bench/results/OfferEvaluationBenchmark.md (no wall-clock bound in a test)
        Set<String> outcomes = new HashSet<>();
        int fits = 0;
        for (Offer offer : offers) {
            Evaluation evaluation = grouped.evaluate(node, grouped.read(offer));
            if (evaluation instanceof Evaluation.Recommendation) {
                fits++;
            } else {
                outcomes.add(((Evaluation.Rejection) evaluation).reason().replaceAll("[0-9.]+", "#"));
            }
        }

        assertThat(fits).isPositive();
        assertThat(outcomes).contains("insufficient cpus: offered # < needed #");
    }

    private static double scalar(List<Resource> resources, String name) {
        return resources.stream()
                .filter(r -> r.getName().equals(name))
                .mapToDouble(r -> r.getScalar().getValue())
                .sum();
    }
}

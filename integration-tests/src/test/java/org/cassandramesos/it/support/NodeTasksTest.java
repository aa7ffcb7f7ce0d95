package org.cassandramesos.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.junit.jupiter.api.Test;

class NodeTasksTest {
    private static final AgentID AGENT = AgentID.newBuilder().setValue("agent-0").build();
    private static final NodePlan PLAN = new NodePlan("node-0", 0, "127.0.0.2", List.of("127.0.0.2"),
            new CassandraNodeSpec.Ports(9042, 7000, 7199, 31000), "volume-node-0");
    private static final NodeTasks.ExecutorLaunch LAUNCH = new NodeTasks.ExecutorLaunch(
            new Artifacts(Path.of("/a/executor.tar.gz"), Path.of("/a/cassandra.tar.gz"), Path.of("/a/java-runtime.tar.gz")),
            "tok");

    @Test
    void firstPlacementReservesCreatesTheVolumeAndLaunchesTheRealExecutorOnIt() {
        List<Offer.Operation> ops = NodeTasks.firstPlacement(PLAN, AGENT, "node-0__1", LAUNCH);

        assertThat(ops).extracting(Offer.Operation::getType).containsExactly(
                Offer.Operation.Type.RESERVE, Offer.Operation.Type.CREATE, Offer.Operation.Type.LAUNCH);
        assertThat(ops.get(0).getReserve().getResourcesList()).allSatisfy(r ->
                assertThat(r.getReservations(0).getLabels().getLabels(0).getValue()).isEqualTo("node-0"));
        Resource volume = ops.get(1).getCreate().getVolumes(0);
        TaskInfo task = ops.get(2).getLaunch().getTaskInfos(0);
        assertThat(task.getResourcesList()).contains(volume);
        CassandraNodeSpec spec = TaskData.decode(task.getData(), CassandraNodeSpec.class);
        assertThat(spec.volumePath()).isEqualTo(volume.getDisk().getVolume().getContainerPath());
        assertThat(spec.fastStart()).isTrue();
        assertThat(spec.heapMb()).isEqualTo(256);
        assertThat(task.getExecutor().getCommand().getValue()).isEqualTo("exec ./executor/bin/executor");
        assertThat(task.getExecutor().getCommand().getUrisList()).extracting(u -> u.getValue())
                .containsExactly("/a/java-runtime.tar.gz", "/a/executor.tar.gz", "/a/cassandra.tar.gz");
        // the executor finds Java in its sandbox, as on a stock agent, never through a JAVA_HOME
        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .noneSatisfy(v -> assertThat(v.getName()).isEqualTo("JAVA_HOME"));
        assertThat(task.getExecutor().getCommand().getEnvironment().getVariablesList())
                .anySatisfy(v -> assertThat(v.getName() + "=" + v.getValue()).isEqualTo("NODE_API_TOKEN=tok"));
        assertThat(task.getKillPolicy().getGracePeriod().getNanoseconds()).isEqualTo(NodeTasks.KILL_GRACE.toNanos());
    }

    @Test
    void firstPlacementFitsOnlyWhereTheFixedPortsAreOffered() {
        assertThat(NodeTasks.fitsFirstPlacement(List.of(offer(unreserved(7000, 32000))), PLAN)).isTrue();
        assertThat(NodeTasks.fitsFirstPlacement(List.of(offer(unreserved(31000, 32000))), PLAN)).isFalse();
    }

    @Test
    void relaunchUsesTheReservationAndVolumeAsOfferedEvenWhenSplitOverOffers() {
        List<Resource> reserved = NodeTasks.firstPlacement(PLAN, AGENT, "node-0__1", LAUNCH).get(2).getLaunch()
                .getTaskInfos(0).getResourcesList();
        Resource volume = reserved.stream().filter(Resource::hasDisk).findFirst().orElseThrow();
        Resource.ReservationInfo r = NodeTasks.reservation("node-0");
        List<Offer> offers = List.of(
                offer(List.of(NodeTasks.reserved("cpus", 1.0, r), NodeTasks.reserved("mem", 1024, r), volume,
                        NodeTasks.ports(PLAN).toBuilder().addReservations(r).build())),
                offer(List.of(NodeTasks.reserved("cpus", 0.1, r), NodeTasks.reserved("mem", 384, r))));

        assertThat(NodeTasks.holdsReservation(offers, PLAN)).isTrue();
        Offer.Operation launch = NodeTasks.relaunch(PLAN, offers, "node-0__2", LAUNCH);

        assertThat(launch.getType()).isEqualTo(Offer.Operation.Type.LAUNCH);
        TaskInfo task = launch.getLaunch().getTaskInfos(0);
        assertThat(task.getResourcesList()).contains(volume).allSatisfy(res -> assertThat(res.getReservationsCount()).isEqualTo(1));
        assertThat(task.getExecutor().getResourcesList()).allSatisfy(res -> assertThat(res.getReservationsCount()).isEqualTo(1));
    }

    @Test
    void withoutItsVolumeTheNodeIsNotRelaunched() {
        Resource.ReservationInfo r = NodeTasks.reservation("node-0");
        List<Offer> offers = List.of(offer(List.of(NodeTasks.reserved("cpus", 2, r), NodeTasks.reserved("mem", 2048, r),
                NodeTasks.ports(PLAN).toBuilder().addReservations(r).build())));

        assertThat(NodeTasks.holdsReservation(offers, PLAN)).isFalse();
        assertThatThrownBy(() -> NodeTasks.relaunch(PLAN, offers, "node-0__2", LAUNCH)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Resource> unreserved(long portsFrom, long portsTo) {
        return List.of(NodeTasks.scalar("cpus", 2), NodeTasks.scalar("mem", 4096), NodeTasks.scalar("disk", 10240),
                Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(Value.Ranges.newBuilder()
                        .addRange(Value.Range.newBuilder().setBegin(portsFrom).setEnd(portsTo))).build());
    }

    private static Offer offer(List<Resource> resources) {
        return Offer.newBuilder().setId(OfferID.newBuilder().setValue("o-" + resources.hashCode()))
                .setFrameworkId(org.apache.mesos.v1.Protos.FrameworkID.newBuilder().setValue("fw"))
                .setAgentId(AGENT).setHostname("127.0.0.2").addAllResources(resources).build();
    }
}

package org.cassandramesos.bench.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;

/** A node's first placement, as the scheduler makes it: RESERVE + CREATE (volume) + LAUNCH of the real executor. */
final class FirstPlacement {
    static final String ROLE = TestScheduler.ROLE;
    static final String PRINCIPAL = TestScheduler.PRINCIPAL;
    static final Duration KILL_GRACE = Duration.ofSeconds(60);

    private final Path executorTarball;
    private final Path cassandraTarball;
    private final String nodeApiToken;
    private final String javaHome;

    FirstPlacement(Path executorTarball, Path cassandraTarball, String nodeApiToken, String javaHome) {
        this.executorTarball = executorTarball;
        this.cassandraTarball = cassandraTarball;
        this.nodeApiToken = nodeApiToken;
        this.javaHome = javaHome;
    }

    /** The recording test framework's FrameworkInfo: the capabilities the production scheduler subscribes with. */
    static FrameworkInfo frameworkInfo() {
        return TestScheduler.frameworkInfo(60).toBuilder()
                .setName("launch-bench")
                .build();
    }

    List<Offer.Operation> operations(AgentID agent, String taskId, CassandraNodeSpec spec) {
        return operations(agent, taskId, spec, java.util.Map.of());
    }

    /** As above, with {@code extraEnv} added to the executor's environment (e.g. EXECUTOR_JAVA_OPTS). */
    List<Offer.Operation> operations(
            AgentID agent, String taskId, CassandraNodeSpec spec, java.util.Map<String, String> extraEnv) {
        Resource.ReservationInfo r = Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC)
                .setRole(ROLE)
                .setPrincipal(PRINCIPAL)
                .setLabels(Labels.newBuilder()
                        .addLabels(Label.newBuilder().setKey("resource_id").setValue(spec.nodeName())))
                .build();
        Resource volume = scalar("disk", 1024, r).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                .setId("volume-" + taskId)
                                .setPrincipal(PRINCIPAL))
                        .setVolume(Volume.newBuilder()
                                .setContainerPath(spec.volumePath())
                                .setMode(Volume.Mode.RW)))
                .build();
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        List.of(
                        spec.ports().storage(),
                        spec.ports().jmx(),
                        spec.ports().nativeTransport(),
                        spec.ports().nodeApi())
                .stream()
                .sorted()
                .forEach(p ->
                        ranges.addRange(Value.Range.newBuilder().setBegin(p).setEnd(p)));
        Resource ports = Resource.newBuilder()
                .setName("ports")
                .setType(Value.Type.RANGES)
                .setRanges(ranges)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
                .addReservations(r)
                .build();

        Environment.Builder env = Environment.newBuilder()
                // no scheduler answers the secrets handshake in this benchmark: the token comes in the
                // environment, as an Enterprise agent's secret store would put it there
                .addVariables(Environment.Variable.newBuilder()
                        .setName("SECRETS_DELIVERY")
                        .setValue("secret-store"))
                .addVariables(Environment.Variable.newBuilder()
                        .setName("NODE_API_TOKEN")
                        .setValue(nodeApiToken))
                .addVariables(
                        Environment.Variable.newBuilder().setName("JAVA_HOME").setValue(javaHome));
        extraEnv.forEach((name, value) ->
                env.addVariables(Environment.Variable.newBuilder().setName(name).setValue(value)));
        ExecutorInfo executor = ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(spec.nodeName() + "-executor"))
                .setCommand(CommandInfo.newBuilder()
                        .setValue("exec ./executor/bin/executor")
                        .addUris(CommandInfo.URI
                                .newBuilder()
                                .setValue(executorTarball.toString())
                                .setExtract(true))
                        .addUris(CommandInfo.URI
                                .newBuilder()
                                .setValue(cassandraTarball.toString())
                                .setExtract(true))
                        .setEnvironment(env))
                .addResources(scalar("cpus", 0.1, r))
                .addResources(scalar("mem", 384, r))
                .setShutdownGracePeriod(duration(Duration.ofSeconds(30)))
                .build();
        TaskInfo task = TaskInfo.newBuilder()
                .setName(spec.nodeName())
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(agent)
                .setExecutor(executor)
                .setData(TaskData.encode(spec))
                .addResources(scalar("cpus", 1.0, r))
                .addResources(scalar("mem", 1024, r))
                .addResources(volume)
                .addResources(ports)
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(duration(KILL_GRACE)))
                .build();
        return List.of(
                Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.RESERVE)
                        .setReserve(Offer.Operation.Reserve.newBuilder()
                                .addResources(scalar("cpus", 1.1, r))
                                .addResources(scalar("mem", 1408, r))
                                .addResources(scalar("disk", 1024, r))
                                .addResources(ports))
                        .build(),
                Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.CREATE)
                        .setCreate(Offer.Operation.Create.newBuilder().addVolumes(volume))
                        .build(),
                Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.LAUNCH)
                        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task))
                        .build());
    }

    private static Resource scalar(String name, double value, Resource.ReservationInfo reservation) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
                .addReservations(reservation)
                .build();
    }

    private static DurationInfo duration(Duration d) {
        return DurationInfo.newBuilder().setNanoseconds(d.toNanos()).build();
    }
}

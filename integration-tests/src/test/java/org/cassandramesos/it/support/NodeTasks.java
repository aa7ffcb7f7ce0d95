package org.cassandramesos.it.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.cassandramesos.protocol.TaskData;

/**
 * The Mesos side of a node, as pure functions: the first placement (RESERVE + CREATE + LAUNCH in one ACCEPT), the
 * relaunch on the node's own reservation and volume (LAUNCH only), and whether offers hold what either needs.
 */
public final class NodeTasks {
    public static final String ROLE = "cassandra-role";
    public static final String PRINCIPAL = "cassandra-principal";
    /** Reservation label that finds a node's resources again in later offers. */
    public static final String RESOURCE_ID = "resource_id";
    /** Long enough for a drain plus a clean stop of a small node. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(60);
    public static final Duration EXECUTOR_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    /** What one node takes: the Cassandra task, and the executor JVM next to it. */
    public record Sizes(double cpus, double memMb, double diskMb, double executorCpus, double executorMemMb) {
        public double totalCpus() {
            return cpus + executorCpus;
        }

        public double totalMemMb() {
            return memMb + executorMemMb;
        }
    }

    public static final Sizes SIZES = new Sizes(1.0, 1024, 1024, 0.1, 384);

    /**
     * How the executor is started.
     *
     * @param artifacts    the tarballs the agent fetches
     * @param nodeApiToken the node API token, handed over in the executor's environment
     */
    public record ExecutorLaunch(Artifacts artifacts, String nodeApiToken) {}

    private NodeTasks() {}

    // ---- first placement -------------------------------------------------------------------------

    /** RESERVE the node's resources, CREATE its volume and LAUNCH it, in that order, from unreserved offers. */
    public static List<Offer.Operation> firstPlacement(NodePlan plan, AgentID agent, String taskId, ExecutorLaunch launch) {
        Resource.ReservationInfo r = reservation(plan.name());
        Resource volume = volume(plan, r);
        Resource ports = ports(plan).toBuilder().addReservations(r).build();
        List<Resource> toReserve = List.of(scalar("cpus", SIZES.totalCpus()).toBuilder().addReservations(r).build(),
                scalar("mem", SIZES.totalMemMb()).toBuilder().addReservations(r).build(),
                scalar("disk", SIZES.diskMb()).toBuilder().addReservations(r).build(),
                ports);
        TaskInfo task = task(plan, agent, taskId,
                List.of(reserved("cpus", SIZES.cpus(), r), reserved("mem", SIZES.memMb(), r), volume, ports),
                executor(plan, launch, List.of(reserved("cpus", SIZES.executorCpus(), r), reserved("mem", SIZES.executorMemMb(), r))));
        return List.of(
                Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                        .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(toReserve)).build(),
                Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
                        .setCreate(Offer.Operation.Create.newBuilder().addVolumes(volume)).build(),
                launch(task));
    }

    /** Whether these offers' unreserved resources hold a first placement of the node. */
    public static boolean fitsFirstPlacement(List<Offer> offers, NodePlan plan) {
        List<Resource> unreserved = resources(offers).filter(r -> r.getReservationsCount() == 0).toList();
        return sum(unreserved, "cpus") >= SIZES.totalCpus() - 1e-9
                && sum(unreserved, "mem") >= SIZES.totalMemMb()
                && sum(unreserved, "disk") >= SIZES.diskMb()
                && requiredPorts(plan).stream().allMatch(p -> unreserved.stream().anyMatch(r -> holdsPort(r, p)));
    }

    // ---- relaunch ----------------------------------------------------------------------------------

    /** Whether these offers hold the node's whole reservation, its volume included. */
    public static boolean holdsReservation(List<Offer> offers, NodePlan plan) {
        List<Resource> own = reservedFor(offers, plan.name());
        return sum(own, "cpus") >= SIZES.totalCpus() - 1e-9 && sum(own, "mem") >= SIZES.totalMemMb()
                && offeredVolume(own, plan).isPresent()
                && requiredPorts(plan).stream().allMatch(p -> own.stream().anyMatch(r -> holdsPort(r, p)));
    }

    /**
     * LAUNCH only, on what the offers hold for the node: its reserved cpus, mem and ports, and its volume as offered
     * (the data from earlier runs is on it).
     */
    public static Offer.Operation relaunch(NodePlan plan, List<Offer> offers, String taskId, ExecutorLaunch launch) {
        if (!holdsReservation(offers, plan)) {
            throw new IllegalArgumentException("the offers do not hold the reservation and volume of " + plan.name());
        }
        List<Resource> own = reservedFor(offers, plan.name());
        Resource cpus = template(own, "cpus");
        Resource mem = template(own, "mem");
        Resource ports = own.stream().filter(r -> r.getName().equals("ports")).findFirst().orElseThrow();
        Resource volume = offeredVolume(own, plan).orElseThrow();
        TaskInfo task = task(plan, offers.get(0).getAgentId(), taskId,
                List.of(withValue(cpus, SIZES.cpus()), withValue(mem, SIZES.memMb()), volume, ports),
                executor(plan, launch, List.of(withValue(cpus, SIZES.executorCpus()), withValue(mem, SIZES.executorMemMb()))));
        return launch(task);
    }

    // ---- TaskInfo and ExecutorInfo -----------------------------------------------------------------

    static TaskInfo task(NodePlan plan, AgentID agent, String taskId, List<Resource> resources, ExecutorInfo executor) {
        return TaskInfo.newBuilder().setName(plan.name()).setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(agent).addAllResources(resources).setExecutor(executor)
                .setData(TaskData.encode(plan.spec()))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(duration(KILL_GRACE)))
                .build();
    }

    /**
     * The real executor: the Java runtime, executor and Cassandra tarballs fetched and extracted into the sandbox, then
     * {@code executor/bin/executor}, which runs on {@code java-runtime/bin/java} as in production (no JAVA_HOME).
     */
    static ExecutorInfo executor(NodePlan plan, ExecutorLaunch launch, List<Resource> resources) {
        CommandInfo command = CommandInfo.newBuilder()
                .setShell(true).setValue("exec ./executor/bin/executor")
                .addUris(uri(launch.artifacts().javaRuntime().toString()))
                .addUris(uri(launch.artifacts().executor().toString()))
                .addUris(uri(launch.artifacts().cassandra().toString()))
                .setEnvironment(Environment.newBuilder()
                        // no scheduler answers the secrets handshake here: the token comes in the environment, as
                        // an Enterprise agent's secret store would put it there (SECRETS_DELIVERY=secret-store)
                        .addVariables(variable("SECRETS_DELIVERY", "secret-store"))
                        .addVariables(variable("NODE_API_TOKEN", launch.nodeApiToken())))
                .build();
        return ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(plan.executorId()))
                .setName("cassandra executor for " + plan.name())
                .setCommand(command).addAllResources(resources)
                .setShutdownGracePeriod(duration(EXECUTOR_SHUTDOWN_GRACE))
                .build();
    }

    private static CommandInfo.URI uri(String path) {
        return CommandInfo.URI.newBuilder().setValue(path).setExtract(true).setCache(false).build();
    }

    private static Environment.Variable variable(String name, String value) {
        return Environment.Variable.newBuilder().setName(name).setValue(value).build();
    }

    private static Offer.Operation launch(TaskInfo task) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
    }

    // ---- resources ---------------------------------------------------------------------------------

    public static Resource.ReservationInfo reservation(String node) {
        return Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                .setRole(ROLE).setPrincipal(PRINCIPAL)
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey(RESOURCE_ID).setValue(node)))
                .build();
    }

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
    }

    static Resource reserved(String name, double value, Resource.ReservationInfo reservation) {
        return scalar(name, value).toBuilder().addReservations(reservation).build();
    }

    static Resource volume(NodePlan plan, Resource.ReservationInfo reservation) {
        return reserved("disk", SIZES.diskMb(), reservation).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(plan.persistenceId()).setPrincipal(PRINCIPAL))
                .setVolume(Volume.newBuilder().setContainerPath(NodePlan.VOLUME_PATH).setMode(Volume.Mode.RW)))
                .build();
    }

    /** Native, storage, JMX and node API ports as one RANGES resource. */
    static Resource ports(NodePlan plan) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        requiredPorts(plan).stream().sorted().forEach(p -> ranges.addRange(Value.Range.newBuilder().setBegin(p).setEnd(p)));
        return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
    }

    static List<Long> requiredPorts(NodePlan plan) {
        return List.of((long) plan.ports().nativeTransport(), (long) plan.ports().storage(), (long) plan.ports().jmx(),
                (long) plan.ports().nodeApi());
    }

    static List<Resource> reservedFor(List<Offer> offers, String node) {
        Predicate<Resource> own = r -> r.getReservationsList().stream().anyMatch(res -> res.getLabels().getLabelsList()
                .stream().anyMatch(l -> l.getKey().equals(RESOURCE_ID) && l.getValue().equals(node)));
        return resources(offers).filter(own).toList();
    }

    private static Optional<Resource> offeredVolume(List<Resource> own, NodePlan plan) {
        return own.stream().filter(r -> r.hasDisk() && r.getDisk().hasPersistence()
                && r.getDisk().getPersistence().getId().equals(plan.persistenceId())
                && r.getDisk().getVolume().getContainerPath().equals(NodePlan.VOLUME_PATH)).findFirst();
    }

    private static Resource template(List<Resource> own, String name) {
        return own.stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Resource withValue(Resource template, double value) {
        return template.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static Stream<Resource> resources(List<Offer> offers) {
        return offers.stream().flatMap(o -> o.getResourcesList().stream());
    }

    private static double sum(List<Resource> resources, String name) {
        return resources.stream().filter(r -> r.getName().equals(name) && !r.hasDisk()) // a volume is not free disk
                .mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    private static boolean holdsPort(Resource r, long port) {
        return r.getName().equals("ports") && r.getRanges().getRangeList().stream()
                .anyMatch(range -> range.getBegin() <= port && port <= range.getEnd());
    }

    private static DurationInfo duration(Duration d) {
        return DurationInfo.newBuilder().setNanoseconds(d.toNanos()).build();
    }
}

package org.cassandramesos.local.support;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

/** Builds the RESERVE → CREATE → LAUNCH operations of reference §1, as the Cassandra scheduler will. */
public final class Operations {
    private Operations() {}

    public static Resource.ReservationInfo reservation(String resourceId) {
        return Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC)
                .setRole(TestScheduler.ROLE)
                .setPrincipal(TestScheduler.PRINCIPAL)
                .setLabels(Labels.newBuilder()
                        .addLabels(Label.newBuilder().setKey("resource_id").setValue(resourceId)))
                .build();
    }

    public static Resource scalar(String name, double value) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(TestScheduler.ROLE))
                .build();
    }

    public static Resource reserved(String name, double value, Resource.ReservationInfo reservation) {
        return scalar(name, value).toBuilder().addReservations(reservation).build();
    }

    public static Resource volume(
            double diskMb, Resource.ReservationInfo reservation, String persistenceId, String containerPath) {
        return reserved("disk", diskMb, reservation).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                .setId(persistenceId)
                                .setPrincipal(TestScheduler.PRINCIPAL))
                        .setVolume(org.apache.mesos.v1.Protos.Volume.newBuilder()
                                .setContainerPath(containerPath)
                                .setMode(org.apache.mesos.v1.Protos.Volume.Mode.RW)))
                .build();
    }

    public static Offer.Operation reserve(List<Resource> resources) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(resources))
                .build();
    }

    public static Offer.Operation create(Resource volume) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.CREATE)
                .setCreate(Offer.Operation.Create.newBuilder().addVolumes(volume))
                .build();
    }

    public static Offer.Operation launch(TaskInfo task) {
        return Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task))
                .build();
    }

    public static TaskInfo task(
            String taskId, AgentID agent, List<Resource> resources, ExecutorInfo executor, String data) {
        return TaskInfo.newBuilder()
                .setName(taskId)
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(agent)
                .addAllResources(resources)
                .setExecutor(executor)
                .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
                .build();
    }

    /** An ExecutorInfo that runs {@link TestExecutorMain} in a JVM with this test's classpath. */
    public static ExecutorInfo testExecutor(String executorId, List<Resource> resources) {
        return executor(executorId, "exec " + testExecutorCommand(), resources);
    }

    public static ExecutorInfo executor(String executorId, String shellCommand, List<Resource> resources) {
        return ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                .setCommand(CommandInfo.newBuilder().setValue(shellCommand))
                .addAllResources(new ArrayList<>(resources))
                .build();
    }

    /** A shell command line starting {@link TestExecutorMain} with this test's classpath. */
    public static String testExecutorCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        return "'" + java + "' -Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto" + " -cp '"
                + classpath + "' " + TestExecutorMain.class.getName();
    }
}

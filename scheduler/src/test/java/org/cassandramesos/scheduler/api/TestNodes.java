package org.cassandramesos.scheduler.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;

/** Stores a node's launch and status the way the scheduler's Mesos side records them. */
public final class TestNodes {
    public static final String CONFIG_ID = "6b1f3c0e-1111-4a8a-9d52-0c2bb8b4c001";

    private TestNodes() {}

    /** Launches {@code node} on an agent at {@code ip}; {@code state} null leaves it without any status yet. */
    public static String launch(
            TaskStore tasks, String node, String ip, int nativePort, int nodeApiPort, TaskState state) {
        return launch(tasks, node, ip, nativePort, nodeApiPort, state, List.of());
    }

    /** As {@link #launch(TaskStore, String, String, int, int, TaskState)}, with a metrics port reserved and launched. */
    public static String launchWithMetrics(
            TaskStore tasks,
            String node,
            String ip,
            int nativePort,
            int nodeApiPort,
            int metricsPort,
            TaskState state) {
        return launch(tasks, node, ip, nativePort, nodeApiPort, metricsPort, state, List.of());
    }

    /** As {@link #launch(TaskStore, String, String, int, int, TaskState)}, its task with these resources. */
    public static String launch(
            TaskStore tasks,
            String node,
            String ip,
            int nativePort,
            int nodeApiPort,
            TaskState state,
            List<Resource> resources) {
        return launch(tasks, node, ip, nativePort, nodeApiPort, CassandraNodeSpec.Ports.NO_METRICS, state, resources);
    }

    private static String launch(
            TaskStore tasks,
            String node,
            String ip,
            int nativePort,
            int nodeApiPort,
            int metricsPort,
            TaskState state,
            List<Resource> resources) {
        String taskId = node + "__" + UUID.randomUUID();
        String agentId = "agent-" + ip;
        CassandraNodeSpec spec = new CassandraNodeSpec(
                node,
                "cassandra",
                CONFIG_ID,
                List.of(ip),
                "dc1",
                "rack1",
                new CassandraNodeSpec.Ports(nativePort, 7000, 7199, nodeApiPort, metricsPort),
                512,
                16,
                Optional.empty(),
                true,
                "volume",
                Map.of());
        TaskInfo task = TaskInfo.newBuilder()
                .setName(node)
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setData(TaskData.encode(spec))
                .addAllResources(resources)
                .build();
        NodeRecord record = new NodeRecord(
                node,
                new AgentFacts(agentId, "host-" + ip, ip, Map.of()),
                "rack1",
                new NodeReservation("res-" + node, "vol-" + node, reservedPorts(nativePort, nodeApiPort, metricsPort)),
                Optional.empty(),
                false);
        tasks.storeLaunch(task, record);
        if (state != null) {
            tasks.storeStatus(TaskStatus.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setState(state)
                    .build());
        }
        return taskId;
    }

    private static Map<String, Integer> reservedPorts(int nativePort, int nodeApiPort, int metricsPort) {
        return metricsPort == CassandraNodeSpec.Ports.NO_METRICS
                ? Map.of("native", nativePort, "node_api", nodeApiPort)
                : Map.of("native", nativePort, "node_api", nodeApiPort, "metrics", metricsPort);
    }

    /** A scalar resource as an offer or a task carries it. */
    public static Resource scalar(String name, double value) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .build();
    }
}

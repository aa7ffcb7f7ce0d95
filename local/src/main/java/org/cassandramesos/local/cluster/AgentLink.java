package org.cassandramesos.local.cluster;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** What the master tells an agent. Asynchronous: the agent handles each message on its own thread. */
public interface AgentLink {
    /** {@code task.executor} is set: the agent starts that executor unless it already runs. */
    void runTask(FrameworkInfo framework, TaskInfo task);

    void killTask(FrameworkID frameworkId, TaskID taskId, Optional<KillPolicy> killPolicy);

    void shutdownExecutor(FrameworkID frameworkId, ExecutorID executorId);

    void shutdownFramework(FrameworkID frameworkId);

    void acknowledge(FrameworkID frameworkId, TaskID taskId, ByteString uuid);

    void frameworkMessage(FrameworkID frameworkId, ExecutorID executorId, ByteString data);

    /** The master's health check (PingSlaveMessage): a reachable agent answers with {@link MasterLink#pong}. */
    void ping();

    /** The agent's reservations and volumes after an operation: persist them, create and delete volume dirs. */
    void checkpointResources(List<Resource> checkpointed);
}

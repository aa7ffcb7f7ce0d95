package org.cassandramesos.local.cluster;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What an agent tells the master (libprocess messages in real Mesos). Asynchronous and
 * unreliable like the real thing: a message to a master that is down is lost, so the agent
 * retries status updates until they are acknowledged.
 */
public interface MasterLink {
    /** Registration, and re-registration after an agent or master restart. */
    void registerAgent(AgentRegistration registration);

    /** A status update on its way to the scheduler; {@code latestState} is the newest state the agent knows. */
    void statusUpdate(
            AgentID agentId, FrameworkInfo framework, TaskInfo task, TaskStatus status, TaskState latestState);

    void executorExited(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, int status);

    void executorMessage(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, ByteString data);

    /** The agent answers a {@link AgentLink#ping} (PongSlaveMessage). */
    void pong(AgentID agentId);
}

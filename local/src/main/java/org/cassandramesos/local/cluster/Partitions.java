package org.cassandramesos.local.cluster;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The network between the master and its agents: a partitioned agent's messages to the master and the master's to
 * it are lost, in both directions, as on a cut link. The agent and its executors keep running and talking to each
 * other; its status updates wait in its retry streams until the link heals.
 */
public final class Partitions {
    private final Set<String> cut = ConcurrentHashMap.newKeySet();

    public void cut(String agentId) {
        cut.add(agentId);
    }

    public void heal(String agentId) {
        cut.remove(agentId);
    }

    public boolean isCut(String agentId) {
        return cut.contains(agentId);
    }

    /** {@code link} as the master sees it: every message to a cut agent is lost. */
    public AgentLink gate(String agentId, AgentLink link) {
        return new AgentLink() {
            @Override
            public void runTask(FrameworkInfo framework, TaskInfo task) {
                if (!isCut(agentId)) link.runTask(framework, task);
            }

            @Override
            public void killTask(FrameworkID frameworkId, TaskID taskId, Optional<KillPolicy> killPolicy) {
                if (!isCut(agentId)) link.killTask(frameworkId, taskId, killPolicy);
            }

            @Override
            public void shutdownExecutor(FrameworkID frameworkId, ExecutorID executorId) {
                if (!isCut(agentId)) link.shutdownExecutor(frameworkId, executorId);
            }

            @Override
            public void shutdownFramework(FrameworkID frameworkId) {
                if (!isCut(agentId)) link.shutdownFramework(frameworkId);
            }

            @Override
            public void acknowledge(FrameworkID frameworkId, TaskID taskId, ByteString uuid) {
                if (!isCut(agentId)) link.acknowledge(frameworkId, taskId, uuid);
            }

            @Override
            public void frameworkMessage(FrameworkID frameworkId, ExecutorID executorId, ByteString data) {
                if (!isCut(agentId)) link.frameworkMessage(frameworkId, executorId, data);
            }

            @Override
            public void ping() {
                if (!isCut(agentId)) link.ping();
            }

            @Override
            public void checkpointResources(List<Resource> checkpointed) {
                if (!isCut(agentId)) link.checkpointResources(checkpointed);
            }
        };
    }
}

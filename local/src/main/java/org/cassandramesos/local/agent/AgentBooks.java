package org.cassandramesos.local.agent;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What an agent knows: its tasks (with their update streams) and its executors, keyed
 * "frameworkId/id", and how they are checkpointed. Accessed only on the agent's thread.
 */
final class AgentBooks {
    final AgentID id;
    final AgentCheckpoint checkpoint;
    final StatusUpdateManager updates;
    final Map<String, AgentTask> tasks = new LinkedHashMap<>();
    final Map<String, ExecutorRun> executors = new LinkedHashMap<>();

    AgentBooks(AgentID id, AgentCheckpoint checkpoint, StatusUpdateManager updates) {
        this.id = id;
        this.checkpoint = checkpoint;
        this.updates = updates;
    }

    static String key(String frameworkId, String id) {
        return frameworkId + "/" + id;
    }

    List<AgentTask> tasksOf(ExecutorRun run) {
        return tasks.values().stream()
                .filter(t -> t.executorKey().equals(run.key()))
                .toList();
    }

    /** An update the agent itself generates (executor gone, launch failed, killed before delivery). */
    TaskStatus agentStatus(AgentTask t, TaskState state, TaskStatus.Reason reason, String message) {
        UUID u = UUID.randomUUID();
        return TaskStatus.newBuilder()
                .setTaskId(t.info.getTaskId())
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_AGENT)
                .setReason(reason)
                .setMessage(message)
                .setTimestamp(System.currentTimeMillis() / 1000.0)
                .setAgentId(id)
                .setExecutorId(t.info.getExecutor().getExecutorId())
                .setUuid(ByteString.copyFrom(ByteBuffer.allocate(16)
                        .putLong(u.getMostSignificantBits())
                        .putLong(u.getLeastSignificantBits())
                        .array()))
                .build();
    }

    void saveTasks() {
        checkpoint.saveTasks(tasks.values().stream().map(AgentTask::record).toList());
    }

    /** Pids (with start times, against pid reuse) so a later run can kill what a crashed one left behind. */
    void saveExecutorProcesses() {
        checkpoint.saveExecutorProcesses(executors.values().stream()
                .filter(r -> r.process != null)
                .map(r -> new AgentCheckpoint.ExecutorProcess(
                        r.process.pid(),
                        r.process
                                .info()
                                .startInstant()
                                .map(Instant::toEpochMilli)
                                .orElse(0L)))
                .toList());
    }
}

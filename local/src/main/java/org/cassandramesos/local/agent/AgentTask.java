package org.cassandramesos.local.agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.cluster.TaskStates;

/**
 * The agent's record of a task and its status update stream: updates are forwarded to the
 * scheduler one at a time, in order, the next only after the previous was acknowledged.
 * Mutated only on the agent's thread.
 */
final class AgentTask {
    final FrameworkInfo framework;
    final TaskInfo info;
    TaskStatus latest;
    final Deque<TaskStatus> pending = new ArrayDeque<>();
    /** The executor has been sent LAUNCH for it. */
    boolean delivered;
    /** A kill (or executor shutdown) was asked for: if the executor dies now, the task was killed. */
    boolean killRequested;

    ScheduledFuture<?> retry;
    Duration backoff;

    AgentTask(FrameworkInfo framework, TaskInfo info) {
        this.framework = framework;
        this.info = info;
    }

    String frameworkId() {
        return framework.getId().getValue();
    }

    String executorKey() {
        return AgentBooks.key(frameworkId(), info.getExecutor().getExecutorId().getValue());
    }

    TaskState state() {
        return latest == null ? TaskState.TASK_STAGING : latest.getState();
    }

    boolean isTerminal() {
        return TaskStates.isTerminal(state());
    }

    boolean knows(TaskStatus status) {
        return pending.stream().anyMatch(p -> p.getUuid().equals(status.getUuid()))
                || (latest != null && latest.getUuid().equals(status.getUuid()));
    }

    AgentCheckpoint.TaskRecord record() {
        return new AgentCheckpoint.TaskRecord(framework, info, latest, java.util.List.copyOf(pending));
    }
}

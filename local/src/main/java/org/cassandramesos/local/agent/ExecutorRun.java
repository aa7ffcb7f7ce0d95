package org.cassandramesos.local.agent;

import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.cassandramesos.local.http.EventStream;

/** One running executor process ("container") and its event stream. Mutated only on the agent's thread. */
final class ExecutorRun {
    final FrameworkInfo framework;
    final ExecutorInfo info;
    final ContainerID containerId;
    final Path sandbox;
    /** The user it runs as when the agent switches to another one; empty when it runs as the agent's own user. */
    final java.util.Optional<TaskUser> user;
    /** Null while the sandbox is being fetched; set (once) by the launching thread. */
    volatile Process process;

    EventStream stream;
    ScheduledFuture<?> registrationTimer;
    boolean shuttingDown;
    boolean registrationTimedOut;
    /** Every descendant seen while the executor lived: orphans are re-parented when it dies, so they are remembered. */
    final java.util.Set<ProcessHandle> descendants = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ExecutorRun(
            FrameworkInfo framework,
            ExecutorInfo info,
            ContainerID containerId,
            Path sandbox,
            java.util.Optional<TaskUser> user) {
        this.framework = framework;
        this.info = info;
        this.containerId = containerId;
        this.sandbox = sandbox;
        this.user = user;
    }

    boolean subscribed() {
        return stream != null && stream.isOpen();
    }

    /** Sends LAUNCH for a task on the executor's stream (it must be subscribed). */
    void launch(AgentTask t) {
        stream.send(org.apache.mesos.v1.executor.Protos.Event.newBuilder()
                .setType(org.apache.mesos.v1.executor.Protos.Event.Type.LAUNCH)
                .setLaunch(org.apache.mesos.v1.executor.Protos.Event.Launch.newBuilder()
                        .setTask(t.info))
                .build());
        t.delivered = true;
    }

    String key() {
        return AgentBooks.key(framework.getId().getValue(), info.getExecutorId().getValue());
    }
}

package org.cassandramesos.local.cluster;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * An agent (re-)registering: its identity, total resources (reservations and volumes included)
 * and what it runs, so a restarted master can rebuild its view of frameworks and tasks.
 */
public record AgentRegistration(
        AgentInfo info,
        List<Resource> total,
        List<RunningTask> tasks,
        List<RunningExecutor> executors,
        AgentLink link) {

    /** A task the agent knows, with the latest status it has for it. */
    public record RunningTask(FrameworkInfo framework, TaskInfo task, TaskStatus latest) {}

    public record RunningExecutor(FrameworkInfo framework, ExecutorInfo executor) {}
}

package org.cassandramesos.local.agent;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ContainerStatus;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.local.cluster.MasterLink;
import org.cassandramesos.local.http.EventStream;

/** The executor API's calls (reference §3): SUBSCRIBE, UPDATE, MESSAGE, HEARTBEAT. Runs on the agent's thread. */
final class ExecutorCalls {
    private final AgentBooks books;
    private final Supplier<MasterLink> master;
    private final AgentConfig config;
    private final IntSupplier port;

    ExecutorCalls(AgentBooks books, Supplier<MasterLink> master, AgentConfig config, IntSupplier port) {
        this.books = books;
        this.master = master;
        this.config = config;
        this.port = port;
    }

    /** A (re-)subscription: SUBSCRIBED, then LAUNCH for every task the executor does not know yet. */
    Answer subscribe(Call call, EventStream stream) {
        ExecutorRun run = books.executors.get(AgentBooks.key(
                call.getFrameworkId().getValue(), call.getExecutorId().getValue()));
        if (run == null)
            return Answer.badRequest("Executor " + call.getExecutorId().getValue() + " is not known to this agent");
        if (!call.hasSubscribe()) return Answer.badRequest("Expecting 'subscribe' to be present");
        if (run.stream != null && run.stream.isOpen()) run.stream.close();
        run.stream = stream;
        if (run.registrationTimer != null) run.registrationTimer.cancel(false);
        stream.send(Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setExecutorInfo(run.info)
                        .setFrameworkInfo(run.framework)
                        .setContainerId(run.containerId)
                        .setAgentInfo(AgentInfo.newBuilder()
                                .setId(books.id)
                                .setHostname(config.ip())
                                .setPort(port.getAsInt())
                                .addAllAttributes(config.attributes())))
                .build());
        for (Call.Update u : call.getSubscribe().getUnacknowledgedUpdatesList()) update(run, u.getStatus());
        Set<String> known = new HashSet<>();
        call.getSubscribe()
                .getUnacknowledgedTasksList()
                .forEach(t -> known.add(t.getTaskId().getValue()));
        for (AgentTask t : books.tasksOf(run)) {
            if (t.delivered || t.isTerminal()) continue;
            if (known.contains(t.info.getTaskId().getValue())) {
                t.delivered = true;
            } else {
                run.launch(t);
            }
        }
        return Answer.STREAMING;
    }

    Answer handle(Call call) {
        ExecutorRun run = books.executors.get(AgentBooks.key(
                call.getFrameworkId().getValue(), call.getExecutorId().getValue()));
        if (run == null)
            return Answer.badRequest("Executor " + call.getExecutorId().getValue() + " is not known to this agent");
        if (!run.subscribed()) return new Answer(403, "Executor is not subscribed");
        switch (call.getType()) {
            case UPDATE -> {
                if (!call.hasUpdate()) return Answer.badRequest("Expecting 'update' to be present");
                TaskStatus s = call.getUpdate().getStatus();
                if (s.getUuid().size() != 16) return Answer.badRequest("'uuid' of a status update must be 16 bytes");
                if (s.getState() == TaskState.TASK_STAGING)
                    return Answer.badRequest("Executor is not allowed to send TASK_STAGING status update");
                if (s.hasExecutorId() && !s.getExecutorId().equals(call.getExecutorId())) {
                    return Answer.badRequest("'status.executor_id' differs from the call's 'executor_id'");
                }
                update(run, s);
            }
            case MESSAGE -> {
                // src/common/validation.cpp validateExecutorCall; src/slave/http.cpp answers 400 "Failed to validate…"
                if (!call.hasMessage())
                    return Answer.badRequest("Failed to validate Executor::Call: Expecting 'message' to be present");
                // the agent, not the caller, names itself and the executor (src/slave/slave.cpp Slave::executorMessage)
                master.get()
                        .executorMessage(
                                books.id,
                                call.getFrameworkId(),
                                run.info.getExecutorId(),
                                call.getMessage().getData());
            }
            case HEARTBEAT -> {}
            default -> {
                return Answer.badRequest("Call type " + call.getType() + " is not supported");
            }
        }
        return Answer.ACCEPTED;
    }

    private void update(ExecutorRun run, TaskStatus s) {
        AgentTask t = books.tasks.get(
                AgentBooks.key(run.framework.getId().getValue(), s.getTaskId().getValue()));
        if (t != null && !t.knows(s) && !t.isTerminal()) {
            TaskStatus.Builder b = s.toBuilder()
                    .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                    .setAgentId(books.id)
                    .setExecutorId(run.info.getExecutorId());
            if (!s.hasTimestamp()) b.setTimestamp(System.currentTimeMillis() / 1000.0);
            if (!s.hasContainerStatus()) b.setContainerStatus(containerStatus(run));
            books.updates.enqueue(t, b.build());
            books.saveTasks();
        }
        // ACKNOWLEDGED means "the agent has it" (checkpointed above); updates for unknown or finished tasks are dropped
        run.stream.send(Event.newBuilder()
                .setType(Event.Type.ACKNOWLEDGED)
                .setAcknowledged(
                        Event.Acknowledged.newBuilder().setTaskId(s.getTaskId()).setUuid(s.getUuid()))
                .build());
    }

    /** Like the Mesos agent with host networking: the task's IP is the agent's. */
    private ContainerStatus containerStatus(ExecutorRun run) {
        ContainerStatus.Builder status = ContainerStatus.newBuilder().setContainerId(run.containerId);
        if (run.process != null) status.setExecutorPid((int) run.process.pid());
        return status.addNetworkInfos(NetworkInfo.newBuilder()
                        .addIpAddresses(NetworkInfo.IPAddress.newBuilder()
                                .setProtocol(NetworkInfo.Protocol.IPv4)
                                .setIpAddress(config.ip())))
                .build();
    }
}

package org.cassandramesos.local.master;

import org.cassandramesos.local.cluster.TaskStates;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.cluster.AgentRegistration;
import org.cassandramesos.local.cluster.MasterLink;
import org.cassandramesos.local.cluster.Registry;
import org.cassandramesos.local.http.EventStream;
import org.cassandramesos.local.http.HttpServers;
import org.cassandramesos.local.resources.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Mesos master. All state lives in {@link MasterBooks} and is touched only on one thread
 * (the "actor", like a libprocess process); HTTP handlers and agents hand work to it.
 */
public final class Master implements MasterLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final MasterConfig config;
    private final MasterBooks books;
    private final ScheduledExecutorService actor;
    private final Allocator allocator;
    private final AcceptProcessor acceptor;
    private HttpServers.Running http;
    private volatile boolean closed;

    public Master(MasterConfig config, Registry registry) {
        this.config = config;
        this.books = new MasterBooks(UUID.randomUUID().toString(), registry);
        this.actor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-master");
            t.setDaemon(true);
            return t;
        });
        this.allocator = new Allocator(books, actor, config.offerTimeout());
        this.acceptor = new AcceptProcessor(books, allocator);
    }

    public Master start() throws IOException {
        http = HttpServers.start("master", new InetSocketAddress(config.ip(), config.port()), Map.of(
                "/api/v1/scheduler", new SchedulerApi(this),
                "/master/api/v1/scheduler", new SchedulerApi(this),
                "/master/state", new StateEndpoint(this),
                "/state", new StateEndpoint(this),
                "/redirect", new RedirectEndpoint(this),
                "/master/redirect", new RedirectEndpoint(this)));
        long period = config.allocationInterval().toMillis();
        actor.scheduleWithFixedDelay(this::safeAllocate, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Local Mesos master {} at {}", books.masterId, endpoint());
        return this;
    }

    /** {@code ip:port} */
    public String endpoint() {
        return config.ip() + ":" + port();
    }

    public int port() {
        return http.address().getPort();
    }

    public String id() {
        return books.masterId;
    }

    MasterConfig config() {
        return config;
    }

    // ---- actor plumbing -------------------------------------------------------------------

    private <T> CompletableFuture<T> onActor(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("master stopped"));
            return result;
        }
        try {
            actor.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    LOG.error("master failed handling a request", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void run(Runnable work) {
        onActor(() -> {
            work.run();
            return null;
        });
    }

    private void safeAllocate() {
        try {
            allocator.allocate();
        } catch (RuntimeException e) {
            LOG.error("allocation failed", e);
        }
    }

    // ---- scheduler API ------------------------------------------------------------------------

    /** Registers a subscription; returns an error message for a 400, or null when {@code stream} is live. */
    CompletableFuture<String> subscribe(Call call, EventStream stream) {
        return onActor(() -> doSubscribe(call, stream));
    }

    private String doSubscribe(Call call, EventStream stream) {
        FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
        if (call.hasFrameworkId() && !(info.hasId() && info.getId().equals(call.getFrameworkId()))) {
            return "'framework_id' differs from 'subscribe.framework_info.id'";
        }
        FrameworkState framework;
        if (info.hasId()) {
            String id = info.getId().getValue();
            if (books.completedFrameworks.stream().anyMatch(f -> f.id.getValue().equals(id))) {
                stream.close(error("Framework has been removed"));
                return null;
            }
            framework = books.frameworks.get(id);
            if (framework == null) {
                framework = new FrameworkState(info.getId(), info);
                books.frameworks.put(id, framework);
                LOG.info("Framework {} re-subscribed (unknown to this master)", id);
            } else {
                if (framework.stream != null && framework.stream.isOpen()) {
                    framework.stream.close(error("Framework failed over"));
                }
                allocator.removeOffersOfFramework(id, false);
                LOG.info("Framework {} failed over", id);
            }
        } else {
            FrameworkID id = FrameworkID.newBuilder().setValue(books.newFrameworkId()).build();
            info = info.toBuilder().setId(id).build();
            framework = new FrameworkState(id, info);
            books.frameworks.put(id.getValue(), framework);
            LOG.info("Framework {} ({}) subscribed", id.getValue(), info.getName());
        }
        framework.info = info;
        framework.recovered = false;
        framework.unregisteredTime = null;
        if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
        framework.suppressedRoles.clear();
        framework.suppressedRoles.addAll(call.getSubscribe().getSuppressedRolesList());
        framework.stream = stream;
        stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(framework.id)
                .setHeartbeatIntervalSeconds(config.heartbeatInterval().toMillis() / 1000.0)
                .setMasterInfo(masterInfo())).build());
        allocator.allocate();
        return null;
    }

    /** The stream's client went away (write failed). */
    void streamBroken(EventStream stream) {
        run(() -> {
            for (FrameworkState f : books.frameworks.values()) {
                if (f.stream == stream) disconnected(f);
            }
        });
    }

    private void disconnected(FrameworkState framework) {
        LOG.info("Framework {} disconnected", framework.id.getValue());
        framework.stream.close();
        framework.unregisteredTime = Instant.now();
        allocator.removeOffersOfFramework(framework.id.getValue(), false);
        double timeout = Math.max(0, framework.info.getFailoverTimeout());
        framework.failoverTimer = actor.schedule(() -> {
            if (!framework.connected() && books.frameworks.get(framework.id.getValue()) == framework) {
                LOG.info("Framework {} did not fail over within {} s: tearing it down", framework.id.getValue(), timeout);
                teardown(framework);
            }
        }, (long) (timeout * 1000), TimeUnit.MILLISECONDS);
    }

    CompletableFuture<CallResult> call(Call call, String streamId) {
        return onActor(() -> doCall(call, streamId));
    }

    private CallResult doCall(Call call, String streamId) {
        if (!call.hasFrameworkId()) return CallResult.badRequest("Expecting 'framework_id' to be present");
        FrameworkState framework = books.frameworks.get(call.getFrameworkId().getValue());
        if (framework == null) return CallResult.badRequest("Framework cannot be found");
        if (!framework.connected()) return new CallResult(403, "Framework is not subscribed");
        if (streamId == null) {
            return CallResult.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        if (!streamId.equals(framework.stream.id())) {
            return CallResult.badRequest("The stream ID '" + streamId + "' included in this request didn't match the stream ID currently associated with framework ID " + framework.id.getValue());
        }
        switch (call.getType()) {
            case ACCEPT -> {
                if (!call.hasAccept()) return CallResult.badRequest("Expecting 'accept' to be present");
                acceptor.accept(framework, call.getAccept().getOfferIdsList(), call.getAccept().getOperationsList(), call.getAccept().getFilters());
                allocator.allocate();
            }
            case DECLINE -> {
                if (!call.hasDecline()) return CallResult.badRequest("Expecting 'decline' to be present");
                acceptor.accept(framework, call.getDecline().getOfferIdsList(), List.of(), call.getDecline().getFilters());
                allocator.allocate();
            }
            case REVIVE -> {
                List<String> roles = call.getRevive().getRolesCount() > 0 ? call.getRevive().getRolesList() : framework.roles();
                for (String role : roles) {
                    framework.suppressedRoles.remove(role);
                    framework.filters.clear(role);
                }
                allocator.allocate();
            }
            case SUPPRESS -> framework.suppressedRoles.addAll(
                    call.getSuppress().getRolesCount() > 0 ? call.getSuppress().getRolesList() : framework.roles());
            case KILL -> {
                if (!call.hasKill()) return CallResult.badRequest("Expecting 'kill' to be present");
                kill(framework, call.getKill());
            }
            case SHUTDOWN -> {
                if (!call.hasShutdown()) return CallResult.badRequest("Expecting 'shutdown' to be present");
                AgentState agent = books.agents.get(call.getShutdown().getAgentId().getValue());
                if (agent != null && agent.reachable) agent.link.shutdownExecutor(framework.id, call.getShutdown().getExecutorId());
            }
            case ACKNOWLEDGE -> {
                if (!call.hasAcknowledge()) return CallResult.badRequest("Expecting 'acknowledge' to be present");
                if (call.getAcknowledge().getUuid().size() != 16) return CallResult.badRequest("Failed to parse UUID: must be 16 bytes");
                acknowledge(framework, call.getAcknowledge());
            }
            case RECONCILE -> {
                for (TaskStatus s : Reconciliation.answer(call.getReconcile().getTasksList(), framework.tasks,
                        books::agentStatus, framework.partitionAware())) {
                    framework.send(update(s));
                }
            }
            case MESSAGE -> {
                if (!call.hasMessage()) return CallResult.badRequest("Expecting 'message' to be present");
                AgentState agent = books.agents.get(call.getMessage().getAgentId().getValue());
                if (agent != null && agent.reachable) {
                    agent.link.frameworkMessage(framework.id, call.getMessage().getExecutorId(), call.getMessage().getData());
                }
            }
            case TEARDOWN -> teardown(framework);
            case UPDATE_FRAMEWORK -> {
                if (!call.hasUpdateFramework()) return CallResult.badRequest("Expecting 'update_framework' to be present");
                framework.info = call.getUpdateFramework().getFrameworkInfo().toBuilder()
                        .setId(framework.id).setUser(framework.info.getUser())
                        .setPrincipal(framework.info.getPrincipal()).setCheckpoint(framework.info.getCheckpoint()).build();
                framework.suppressedRoles.clear();
                framework.suppressedRoles.addAll(call.getUpdateFramework().getSuppressedRolesList());
                allocator.allocate();
                return CallResult.OK;
            }
            case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, ACKNOWLEDGE_OPERATION_STATUS -> {
                // nothing to do locally: no resource requests, no maintenance, no operation feedback
            }
            default -> {
                return CallResult.badRequest("Call type " + call.getType() + " is not supported by the local master");
            }
        }
        return CallResult.ACCEPTED;
    }

    private void kill(FrameworkState framework, Call.Kill kill) {
        MasterTask task = framework.tasks.get(kill.getTaskId().getValue());
        AgentState agent = task == null ? null : books.agents.get(task.agentId.getValue());
        if (task == null || agent == null || !agent.reachable) {
            // Mesos answers a kill of a task it cannot reach with its reconciliation state
            Call.Reconcile.Task.Builder r = Call.Reconcile.Task.newBuilder().setTaskId(kill.getTaskId());
            if (kill.hasAgentId()) r.setAgentId(kill.getAgentId());
            Reconciliation.answer(List.of(r.build()), framework.tasks, books::agentStatus, framework.partitionAware())
                    .forEach(s -> framework.send(update(s)));
            return;
        }
        agent.link.killTask(framework.id, kill.getTaskId(), kill.hasKillPolicy() ? Optional.of(kill.getKillPolicy()) : Optional.empty());
    }

    private void acknowledge(FrameworkState framework, Call.Acknowledge ack) {
        MasterTask task = framework.tasks.get(ack.getTaskId().getValue());
        AgentState agent = books.agents.get(ack.getAgentId().getValue());
        if (agent != null && agent.reachable) agent.link.acknowledge(framework.id, ack.getTaskId(), ack.getUuid());
        if (task != null && task.isTerminal()
                && task.statuses.stream().anyMatch(s -> s.getUuid().equals(ack.getUuid()) && TaskStates.isTerminal(s.getState()))) {
            framework.complete(task);
        }
    }

    private void teardown(FrameworkState framework) {
        String id = framework.id.getValue();
        LOG.info("Tearing down framework {}", id);
        for (AgentState agent : books.agents.values()) {
            boolean involved = agent.executors.keySet().removeIf(k -> k.startsWith(id + "/"))
                    | framework.tasks.values().stream().anyMatch(t -> t.agentId.equals(agent.info.getId()));
            if (involved && agent.reachable) agent.link.shutdownFramework(framework.id);
        }
        allocator.removeOffersOfFramework(id, false);
        for (MasterTask t : new ArrayList<>(framework.tasks.values())) {
            if (!t.isTerminal()) t.state = TaskState.TASK_KILLED;
            framework.complete(t);
        }
        if (framework.stream != null) framework.stream.close();
        if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
        books.frameworks.remove(id);
        framework.unregisteredTime = Instant.now();
        books.completedFrameworks.add(framework);
        allocator.allocate();
    }

    private static Event update(TaskStatus status) {
        return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build();
    }

    private static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
    }

    static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }

    MasterInfo masterInfo() {
        int ip = 0;
        try {
            ip = ByteBuffer.wrap(InetAddress.getByName(config.ip()).getAddress()).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } catch (IOException ignored) {
            // keeps 0
        }
        return MasterInfo.newBuilder().setId(books.masterId).setIp(ip).setPort(port()).setHostname(config.ip())
                .setVersion("1.11.0")
                .setAddress(Address.newBuilder().setHostname(config.ip()).setIp(config.ip()).setPort(port())).build();
    }

    public CompletableFuture<ObjectNode> stateView() {
        return onActor(() -> StateView.render(books, this));
    }

    // ---- messages from agents ---------------------------------------------------------------------

    @Override
    public void registerAgent(AgentRegistration registration) {
        run(() -> {
            String id = registration.info().getId().getValue();
            AgentState agent = books.agents.get(id);
            Resources total = Resources.of(registration.total());
            if (agent == null) {
                agent = new AgentState(registration.info(), registration.link(), total);
                books.agents.put(id, agent);
            } else {
                agent.info = registration.info();
                agent.link = registration.link();
                agent.total = total;
                agent.reachable = true;
                agent.registeredTime = Instant.now();
                agent.executors.clear();
            }
            books.registry.admit(id);
            for (AgentRegistration.RunningExecutor e : registration.executors()) {
                frameworkFor(e.framework());
                agent.executors.put(AgentState.executorKey(e.framework().getId().getValue(), e.executor().getExecutorId().getValue()), e.executor());
            }
            for (AgentRegistration.RunningTask t : registration.tasks()) {
                FrameworkState framework = frameworkFor(t.framework());
                if (framework == null) continue;
                MasterTask task = framework.tasks.computeIfAbsent(t.task().getTaskId().getValue(),
                        k -> new MasterTask(t.task(), registration.info().getId()));
                task.state = t.latest().getState();
                task.latest = t.latest();
            }
            LOG.info("Agent {} registered at {}:{} with {}", id, agent.info.getHostname(), agent.info.getPort(), total);
            allocator.allocate();
        });
    }

    /** The framework an agent reports, recovered from the agent's FrameworkInfo if it has not re-subscribed yet. */
    private FrameworkState frameworkFor(FrameworkInfo info) {
        String id = info.getId().getValue();
        if (books.completedFrameworks.stream().anyMatch(f -> f.id.getValue().equals(id))) return null;
        return books.frameworks.computeIfAbsent(id, k -> {
            FrameworkState f = new FrameworkState(info.getId(), info);
            f.recovered = true;
            return f;
        });
    }

    @Override
    public void statusUpdate(AgentID agentId, FrameworkInfo frameworkInfo, TaskInfo taskInfo, TaskStatus status, TaskState latestState) {
        run(() -> {
            FrameworkState framework = frameworkFor(frameworkInfo);
            if (framework == null) {
                AgentState agent = books.agents.get(agentId.getValue());
                if (agent != null) agent.link.shutdownFramework(frameworkInfo.getId());
                return;
            }
            MasterTask task = framework.tasks.computeIfAbsent(status.getTaskId().getValue(), k -> new MasterTask(taskInfo, agentId));
            boolean wasTerminal = task.isTerminal();
            TaskStatus forwarded = status.hasAgentId() ? status : status.toBuilder().setAgentId(agentId).build();
            task.record(forwarded, latestState);
            framework.send(update(forwarded));
            if (!wasTerminal && task.isTerminal()) allocator.allocate();
        });
    }

    @Override
    public void executorExited(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, int status) {
        run(() -> {
            AgentState agent = books.agents.get(agentId.getValue());
            if (agent != null) agent.executors.remove(AgentState.executorKey(frameworkId.getValue(), executorId.getValue()));
            FrameworkState framework = books.frameworks.get(frameworkId.getValue());
            if (framework != null) {
                framework.send(Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
                        .setAgentId(agentId).setExecutorId(executorId).setStatus(status)).build());
            }
            allocator.allocate();
        });
    }

    @Override
    public void executorMessage(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, ByteString data) {
        run(() -> {
            FrameworkState framework = books.frameworks.get(frameworkId.getValue());
            if (framework != null) {
                framework.send(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
                        .setAgentId(agentId).setExecutorId(executorId).setData(data)).build());
            }
        });
    }

    @Override
    public void agentLost(AgentID agentId) {
        run(() -> {
            AgentState agent = books.agents.get(agentId.getValue());
            if (agent == null || !agent.reachable) return;
            LOG.info("Agent {} is unreachable", agentId.getValue());
            agent.reachable = false;
            agent.executors.clear();
            books.registry.markUnreachable(agentId.getValue());
            allocator.removeOffersOnAgent(agentId.getValue(), true);
            for (FrameworkState framework : books.frameworks.values()) {
                for (MasterTask task : framework.tasks.values()) {
                    if (task.isTerminal() || !task.agentId.equals(agentId)) continue;
                    TaskState state = framework.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
                    TaskStatus status = MasterStatuses.update(task.info.getTaskId(), agentId, state,
                            TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agentId.getValue() + " is unreachable");
                    if (task.info.hasExecutor()) status = status.toBuilder().setExecutorId(task.info.getExecutor().getExecutorId()).build();
                    task.record(status, state);
                    framework.send(update(status));
                }
                framework.send(Event.newBuilder().setType(Event.Type.FAILURE)
                        .setFailure(Event.Failure.newBuilder().setAgentId(agentId)).build());
            }
        });
    }

    @Override
    public void close() {
        if (closed) return;
        try {
            onActor(() -> {
                books.frameworks.values().forEach(f -> {
                    if (f.stream != null) f.stream.close();
                });
                return null;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing streams failed", e);
        }
        closed = true;
        actor.shutdownNow();
        if (http != null) http.close();
        LOG.info("Local Mesos master {} stopped", books.masterId);
    }
}

package org.cassandramesos.local.master;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Map;
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
    private final Subscriptions subscriptions;
    private final SchedulerCalls calls;
    private HttpServers.Running http;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong unauthenticated = new java.util.concurrent.atomic.AtomicLong();

    public Master(MasterConfig config, Registry registry) {
        this.config = config;
        this.books = new MasterBooks(UUID.randomUUID().toString(), registry);
        this.actor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-master");
            t.setDaemon(true);
            return t;
        });
        this.allocator = new Allocator(books, actor, config.offerTimeout());
        this.subscriptions = new Subscriptions(books, allocator, actor, config.heartbeatInterval(), this::masterInfo);
        this.calls = new SchedulerCalls(books, allocator, new AcceptProcessor(books, allocator), subscriptions);
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

    /** Scheduler API requests answered 401 since this master started (framework authentication on). */
    public long unauthenticatedRequests() {
        return unauthenticated.get();
    }

    void countUnauthenticated() {
        unauthenticated.incrementAndGet();
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
        return onActor(() -> subscriptions.subscribe(call, stream));
    }

    /** The stream's client went away (write failed). */
    void streamBroken(EventStream stream) {
        run(() -> {
            for (FrameworkState f : books.frameworks.values()) {
                if (f.stream == stream) subscriptions.disconnected(f);
            }
        });
    }

    CompletableFuture<CallResult> call(Call call, String streamId) {
        return onActor(() -> calls.handle(call, streamId));
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
            framework.send(Events.update(forwarded));
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
        // src/master/master.cpp Master::executorMessage: dropped from a removed or unregistered agent and for an
        // unknown or disconnected framework; forwarded as MESSAGE{agent_id, executor_id, data} as the agent named them
        run(() -> {
            AgentState agent = books.agents.get(agentId.getValue());
            if (agent == null || !agent.reachable) return;
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
                    framework.send(Events.update(status));
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

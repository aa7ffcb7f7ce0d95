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
    private final Map<Call.Type, Long> callsReceived = new java.util.concurrent.ConcurrentHashMap<>();
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
        this.allocator = new Allocator(books, actor, config.offerTimeout(), config.clock());
        this.subscriptions = new Subscriptions(books, allocator, actor, config.heartbeatInterval(), this::masterInfo);
        this.calls = new SchedulerCalls(
                books, allocator, new AcceptProcessor(books, allocator, config.clock()), subscriptions);
    }

    public Master start() throws IOException {
        http = HttpServers.start(
                "master",
                new InetSocketAddress(config.ip(), config.port()),
                Map.of(
                        "/api/v1/scheduler", new SchedulerApi(this),
                        "/master/api/v1/scheduler", new SchedulerApi(this),
                        "/master/state", new StateEndpoint(this),
                        "/state", new StateEndpoint(this),
                        "/redirect", new RedirectEndpoint(this),
                        "/master/redirect", new RedirectEndpoint(this)));
        long period = config.allocationInterval().toMillis();
        actor.scheduleWithFixedDelay(this::safeAllocate, period, period, TimeUnit.MILLISECONDS);
        long ping = config.agentPingTimeout().toMillis();
        actor.scheduleWithFixedDelay(this::pingAgents, ping, ping, TimeUnit.MILLISECONDS);
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
        callsReceived.merge(call.getType(), 1L, Long::sum);
        return onActor(() -> calls.handle(call, streamId));
    }

    /** How many scheduler calls of {@code type} this master received (for tests that look for call loops). */
    public long callsReceived(Call.Type type) {
        return callsReceived.getOrDefault(type, 0L);
    }

    MasterInfo masterInfo() {
        int ip = 0;
        try {
            ip = ByteBuffer.wrap(InetAddress.getByName(config.ip()).getAddress())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getInt();
        } catch (IOException ignored) {
            // keeps 0
        }
        return MasterInfo.newBuilder()
                .setId(books.masterId)
                .setIp(ip)
                .setPort(port())
                .setHostname(config.ip())
                .setVersion("1.11.0")
                .setAddress(Address.newBuilder()
                        .setHostname(config.ip())
                        .setIp(config.ip())
                        .setPort(port()))
                .build();
    }

    public CompletableFuture<ObjectNode> stateView() {
        return onActor(() -> StateView.render(books, this));
    }

    // ---- messages from agents ---------------------------------------------------------------------

    @Override
    public void registerAgent(AgentRegistration registration) {
        run(() -> {
            String id = registration.info().getId().getValue();
            if (books.registry.isGone(id)) {
                // master.cpp Master::reregisterSlave: a gone agent is told to shut down, never re-admitted
                LOG.warn("Agent {} has been marked gone: refusing its registration", id);
                return;
            }
            AgentState agent = books.agents.get(id);
            boolean wasUnreachable = (agent != null && !agent.reachable) || books.registry.isUnreachable(id);
            Resources total = Resources.of(registration.total());
            if (agent == null) {
                agent = new AgentState(registration.info(), registration.link(), total);
                books.agents.put(id, agent);
            } else {
                agent.info = registration.info();
                agent.link = registration.link();
                agent.total = total;
                agent.reachable = true;
                agent.pinged = false;
                agent.pingTimeouts = 0;
                agent.registeredTime = Instant.now();
                agent.executors.clear();
            }
            books.registry.admit(id);
            for (AgentRegistration.RunningExecutor e : registration.executors()) {
                frameworkFor(e.framework());
                agent.executors.put(
                        AgentState.executorKey(
                                e.framework().getId().getValue(),
                                e.executor().getExecutorId().getValue()),
                        e.executor());
            }
            for (AgentRegistration.RunningTask t : registration.tasks()) {
                FrameworkState framework = frameworkFor(t.framework());
                if (framework == null) continue;
                MasterTask task = framework.tasks.computeIfAbsent(
                        t.task().getTaskId().getValue(),
                        k -> new MasterTask(t.task(), registration.info().getId()));
                task.state = t.latest().getState();
                task.latest = t.latest();
                if (wasUnreachable) {
                    // src/master/master.cpp:7056-7084 (Master::_reregisterSlave): every task of an unreachable agent
                    // that re-registers is reported in the state the agent has, REASON_AGENT_REREGISTERED (v0 name
                    // REASON_SLAVE_REREGISTERED), from the master, without a uuid; dropped for a disconnected framework
                    TaskStatus update = MasterStatuses.unacknowledged(
                            t.task().getTaskId(),
                            registration.info().getId(),
                            t.latest().getState(),
                            TaskStatus.Reason.REASON_AGENT_REREGISTERED,
                            "Unreachable agent re-reregistered");
                    if (t.latest().hasExecutorId())
                        update = update.toBuilder()
                                .setExecutorId(t.latest().getExecutorId())
                                .build();
                    else if (t.task().hasExecutor())
                        update = update.toBuilder()
                                .setExecutorId(t.task().getExecutor().getExecutorId())
                                .build();
                    if (t.latest().hasHealthy())
                        update = update.toBuilder()
                                .setHealthy(t.latest().getHealthy())
                                .build();
                    if (t.latest().hasContainerStatus())
                        update = update.toBuilder()
                                .setContainerStatus(t.latest().getContainerStatus())
                                .build();
                    framework.send(Events.update(update));
                }
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
    public void statusUpdate(
            AgentID agentId, FrameworkInfo frameworkInfo, TaskInfo taskInfo, TaskStatus status, TaskState latestState) {
        run(() -> {
            AgentState from = books.agents.get(agentId.getValue());
            if (from == null || !from.reachable) {
                // master.cpp:8153-8175 Master::statusUpdate: dropped from a removed (unreachable) or unknown agent;
                // the agent keeps retrying and re-registers once it notices it is not pinged any more
                LOG.info(
                        "Ignoring status update {} {} from agent {}: not registered",
                        status.getTaskId().getValue(),
                        status.getState(),
                        agentId.getValue());
                return;
            }
            FrameworkState framework = frameworkFor(frameworkInfo);
            if (framework == null) {
                from.link.shutdownFramework(frameworkInfo.getId());
                return;
            }
            MasterTask task = framework.tasks.computeIfAbsent(
                    status.getTaskId().getValue(), k -> new MasterTask(taskInfo, agentId));
            boolean wasTerminal = task.isTerminal();
            TaskStatus forwarded = status.hasAgentId()
                    ? status
                    : status.toBuilder().setAgentId(agentId).build();
            task.record(forwarded, latestState);
            framework.send(Events.update(forwarded));
            if (!wasTerminal && task.isTerminal()) allocator.allocate();
        });
    }

    @Override
    public void executorExited(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, int status) {
        run(() -> {
            AgentState agent = books.agents.get(agentId.getValue());
            if (agent == null || !agent.reachable)
                return; // master.cpp Master::exitedExecutor: removed or unknown agent
            agent.executors.remove(AgentState.executorKey(frameworkId.getValue(), executorId.getValue()));
            FrameworkState framework = books.frameworks.get(frameworkId.getValue());
            if (framework != null) {
                framework.send(Event.newBuilder()
                        .setType(Event.Type.FAILURE)
                        .setFailure(Event.Failure.newBuilder()
                                .setAgentId(agentId)
                                .setExecutorId(executorId)
                                .setStatus(status))
                        .build());
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
                framework.send(Event.newBuilder()
                        .setType(Event.Type.MESSAGE)
                        .setMessage(Event.Message.newBuilder()
                                .setAgentId(agentId)
                                .setExecutorId(executorId)
                                .setData(data))
                        .build());
            }
        });
    }

    @Override
    public void pong(AgentID agentId) {
        run(() -> {
            AgentState agent = books.agents.get(agentId.getValue());
            if (agent == null || !agent.reachable) return;
            // SlaveObserver::pong (master.cpp:215-226): any pong resets the count
            agent.pinged = false;
            agent.pingTimeouts = 0;
        });
    }

    /**
     * SlaveObserver::timeout and ping (src/master/master.cpp:204-243): every {@code agent_ping_timeout} a reachable
     * agent is pinged; a ping still unanswered at the next round is a timeout, and {@code max_agent_ping_timeouts} of
     * them in a row mark the agent unreachable. (Mesos rate-limits these transitions only with
     * {@code --agent_removal_rate_limit}, off by default.)
     */
    private void pingAgents() {
        try {
            for (AgentState agent : java.util.List.copyOf(books.agents.values())) {
                if (!agent.reachable) continue;
                if (agent.pinged && ++agent.pingTimeouts >= config.maxAgentPingTimeouts()) {
                    markUnreachable(agent.info.getId(), "health check timed out");
                    continue;
                }
                agent.pinged = true;
                agent.link.ping();
            }
        } catch (RuntimeException e) {
            LOG.error("pinging agents failed", e);
        }
    }

    /**
     * Master::markUnreachable and __removeSlave (src/master/master.cpp:8586-8744, 10983-11060): the registry records
     * the time; every task on the agent goes TASK_UNREACHABLE with REASON_AGENT_REMOVED and that time to a
     * PARTITION_AWARE framework, TASK_LOST to others, without a uuid; its executors are forgotten and its offers
     * rescinded; frameworks get a FAILURE for the agent.
     */
    private void markUnreachable(AgentID agentId, String why) {
        AgentState agent = books.agents.get(agentId.getValue());
        if (agent == null || !agent.reachable) return;
        LOG.info("Marking agent {} unreachable: {}", agentId.getValue(), why);
        Instant since = Instant.now();
        agent.reachable = false;
        agent.executors.clear();
        books.registry.markUnreachable(agentId.getValue(), since);
        allocator.removeOffersOnAgent(agentId.getValue(), true);
        for (FrameworkState framework : books.frameworks.values()) {
            for (MasterTask task : framework.tasks.values()) {
                if (task.isTerminal() || !task.agentId.equals(agentId)) continue;
                TaskState state = framework.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
                TaskStatus status = MasterStatuses.unacknowledged(
                        task.info.getTaskId(),
                        agentId,
                        state,
                        TaskStatus.Reason.REASON_AGENT_REMOVED,
                        "Agent " + agentId.getValue() + " is unreachable: " + why);
                status = MasterStatuses.withUnreachableTime(status.toBuilder(), since);
                if (task.info.hasExecutor())
                    status = status.toBuilder()
                            .setExecutorId(task.info.getExecutor().getExecutorId())
                            .build();
                task.record(status, state);
                framework.send(Events.update(status));
            }
            framework.send(Event.newBuilder()
                    .setType(Event.Type.FAILURE)
                    .setFailure(Event.Failure.newBuilder().setAgentId(agentId))
                    .build());
        }
    }

    /**
     * An operator removes the agent for good (MARK_AGENT_GONE, or {@code /machine/down} of its machine): the agent is
     * shut down and every task on it is TASK_GONE_BY_OPERATOR with REASON_AGENT_REMOVED_BY_OPERATOR to a
     * PARTITION_AWARE framework, TASK_LOST otherwise (master.cpp:8749-8853 Master::markGone, 10996-11014
     * __removeSlave without an unreachable time); its offers are rescinded. Such tasks are complete at once: the
     * updates carry no uuid to acknowledge.
     */
    public CompletableFuture<Void> markAgentGone(AgentID agentId) {
        return onActor(() -> {
            AgentState agent = books.agents.get(agentId.getValue());
            books.registry.markGone(agentId.getValue());
            if (agent == null) return null;
            LOG.info("Agent {} marked gone by the operator", agentId.getValue());
            agent.reachable = false;
            agent.executors.clear();
            allocator.removeOffersOnAgent(agentId.getValue(), true);
            for (FrameworkState framework : books.frameworks.values()) {
                for (MasterTask task : new java.util.ArrayList<>(framework.tasks.values())) {
                    if (!task.agentId.equals(agentId)) continue;
                    if (!task.isTerminal()) {
                        boolean aware = framework.partitionAware();
                        TaskState state = aware ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST;
                        TaskStatus status = MasterStatuses.unacknowledged(
                                task.info.getTaskId(),
                                agentId,
                                state,
                                aware
                                        ? TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR
                                        : TaskStatus.Reason.REASON_AGENT_REMOVED,
                                "Agent has been marked gone");
                        if (task.info.hasExecutor())
                            status = status.toBuilder()
                                    .setExecutorId(task.info.getExecutor().getExecutorId())
                                    .build();
                        task.record(status, state);
                        framework.send(Events.update(status));
                    }
                    framework.complete(task);
                }
                framework.send(Event.newBuilder()
                        .setType(Event.Type.FAILURE)
                        .setFailure(Event.Failure.newBuilder().setAgentId(agentId))
                        .build());
            }
            books.agents.remove(agentId.getValue());
            allocator.allocate();
            return null;
        });
    }

    /** Rescinds every outstanding offer (Master::rescindOffer, master.cpp:11841), as Mesos does on agent loss or offer timeout. */
    public CompletableFuture<Integer> rescindOffers() {
        return onActor(() -> {
            int n = books.offers.size();
            for (OfferRecord o : new java.util.ArrayList<>(books.offers.values())) allocator.remove(o, true);
            return n;
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
                    })
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing streams failed", e);
        }
        closed = true;
        actor.shutdownNow();
        if (http != null) http.close();
        LOG.info("Local Mesos master {} stopped", books.masterId);
    }
}

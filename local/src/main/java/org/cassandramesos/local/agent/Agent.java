package org.cassandramesos.local.agent;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.local.cluster.AgentLink;
import org.cassandramesos.local.cluster.AgentRegistration;
import org.cassandramesos.local.cluster.MasterLink;
import org.cassandramesos.local.http.EventStream;
import org.cassandramesos.local.http.HttpServers;
import org.cassandramesos.local.resources.ResourceFormat;
import org.cassandramesos.local.resources.Resources;
import org.cassandramesos.process.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Mesos agent: runs executors as real OS processes in sandboxes, serves the v1 executor
 * API on its own loopback IP, keeps status updates until the scheduler acknowledges them, and
 * checkpoints reservations, volumes and tasks in its work dir. Like the master, all state is
 * touched on one thread only.
 */
public final class Agent implements AgentLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Supplier<MasterLink> master;
    private final AgentCheckpoint checkpoint;
    private final VolumeStore volumes;
    private final AgentID id;
    private final ScheduledExecutorService actor;
    private final AgentBooks books;
    private final StatusUpdateManager updates;
    private final ExecutorCalls executorCalls;
    private final Map<String, AgentTask> tasks;
    private final Map<String, ExecutorRun> executors;
    private List<Resource> checkpointed = List.of();
    private HttpServers.Running http;
    private volatile boolean stopped;
    /** When the master last pinged (Slave::ping, src/slave/slave.cpp:6674-6698); only on the agent's thread. */
    private long lastPingNanos = System.nanoTime();

    public Agent(int index, AgentConfig config, Supplier<MasterLink> master) {
        this.config = config;
        this.master = master;
        this.checkpoint = new AgentCheckpoint(config.workDir());
        this.volumes = new VolumeStore(config.workDir());
        this.id = AgentID.newBuilder().setValue(checkpoint.agentId(index)).build();
        this.actor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-agent-" + index);
            t.setDaemon(true);
            return t;
        });
        this.updates = new StatusUpdateManager(id, master, actor, config.statusUpdateRetryInterval());
        this.books = new AgentBooks(id, checkpoint, updates);
        this.tasks = books.tasks;
        this.executors = books.executors;
        this.executorCalls = new ExecutorCalls(books, master, config, this::port);
    }

    public AgentID id() {
        return id;
    }

    public String ip() {
        return config.ip();
    }

    public int port() {
        return http.address().getPort();
    }

    public java.nio.file.Path workDir() {
        return config.workDir();
    }

    Duration heartbeatInterval() {
        return config.heartbeatInterval();
    }

    public Agent start() throws IOException {
        killLeftoverExecutors();
        checkpointed = checkpoint.resources();
        volumes.sync(checkpointed);
        recoverTasks();
        try {
            http = startHttp(config.port());
        } catch (BindException e) {
            http = startHttp(0);
        }
        LOG.info(
                "Local Mesos agent {} at {}://{}:{}",
                id.getValue(),
                config.https().isPresent() ? "https" : "http",
                config.ip(),
                port());
        register();
        actor.scheduleWithFixedDelay(this::rememberDescendants, 1, 1, TimeUnit.SECONDS);
        long check = Math.max(50, Math.min(1000, config.masterPingTimeout().toMillis() / 4));
        actor.scheduleWithFixedDelay(this::checkPinged, check, check, TimeUnit.MILLISECONDS);
        return this;
    }

    private void rememberDescendants() {
        for (ExecutorRun run : executors.values()) {
            if (run.process != null && run.process.isAlive())
                ProcessTable.descendants(run.process.toHandle()).forEach(run.descendants::add);
            run.descendants.removeIf(p -> !p.isAlive());
        }
    }

    private HttpServers.Running startHttp(int port) throws IOException {
        ExecutorApi api = new ExecutorApi(this);
        return HttpServers.start(
                "agent-" + config.ip(),
                new InetSocketAddress(config.ip(), port),
                Map.of("/api/v1/executor", api, "/slave(1)/api/v1/executor", api),
                config.https().map(AgentHttps::serverContext));
    }

    /** Executors of an earlier run that was not stopped cleanly (JVM killed) must not linger, holding ports and volumes. */
    private void killLeftoverExecutors() {
        for (AgentCheckpoint.ExecutorProcess p : checkpoint.executorProcesses()) {
            ProcessGroups.killLeftovers(p.pid(), java.time.Instant.ofEpochMilli(p.startMillis()));
        }
        checkpoint.saveExecutorProcesses(List.of());
    }

    /** Executors do not survive an agent restart here: their tasks failed while the agent was down. */
    private void recoverTasks() {
        for (AgentCheckpoint.TaskRecord r : checkpoint.tasks()) {
            AgentTask t = new AgentTask(r.framework(), r.task());
            t.latest = r.latest();
            t.pending.addAll(r.pending());
            if (t.isTerminal() && t.pending.isEmpty()) continue;
            tasks.put(AgentBooks.key(t.frameworkId(), t.info.getTaskId().getValue()), t);
            if (!t.isTerminal()) {
                TaskStatus failed = books.agentStatus(
                        t,
                        TaskState.TASK_FAILED,
                        TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
                        "Executor terminated while the agent was down");
                t.latest = failed;
                t.pending.add(failed);
            }
        }
        books.saveTasks();
    }

    /**
     * Slave::pingTimeout (src/slave/slave.cpp:6702-6714): no ping for the master ping timeout means the master lost
     * this agent (marked it unreachable, or the link is cut): detect the master again and re-register, and keep
     * retrying at that period until a ping arrives. Runs on the agent's thread.
     */
    private void checkPinged() {
        if (stopped
                || System.nanoTime() - lastPingNanos
                        < config.masterPingTimeout().toNanos()) return;
        LOG.info(
                "Agent {}: no ping from the master within {}: re-registering",
                id.getValue(),
                config.masterPingTimeout());
        lastPingNanos = System.nanoTime();
        master.get().registerAgent(registration());
        tasks.values().forEach(updates::resend);
    }

    @Override
    public void ping() {
        run(() -> {
            lastPingNanos = System.nanoTime();
            master.get().pong(id);
        });
    }

    /** (Re-)registers with the current master and resends the head of every update stream. */
    public void register() {
        run(() -> {
            lastPingNanos = System.nanoTime();
            master.get().registerAgent(registration());
            tasks.values().forEach(updates::resend);
        });
    }

    private AgentRegistration registration() {
        AgentInfo info = AgentInfo.newBuilder()
                .setId(id)
                .setHostname(config.ip())
                .setPort(port())
                .addAllAttributes(config.attributes())
                .addAllResources(total())
                .build();
        List<AgentRegistration.RunningTask> running = new ArrayList<>();
        for (AgentTask t : tasks.values()) {
            TaskStatus latest = t.latest != null
                    ? t.latest
                    : TaskStatus.newBuilder()
                            .setTaskId(t.info.getTaskId())
                            .setState(TaskState.TASK_STAGING)
                            .setAgentId(id)
                            .build();
            running.add(new AgentRegistration.RunningTask(t.framework, t.info, latest));
        }
        List<AgentRegistration.RunningExecutor> runs = new ArrayList<>();
        for (ExecutorRun r : executors.values()) runs.add(new AgentRegistration.RunningExecutor(r.framework, r.info));
        return new AgentRegistration(info, total(), running, runs, this);
    }

    /** Configured resources with the checkpointed reservations and volumes carved out of them. */
    private List<Resource> total() {
        List<Resource> carved =
                checkpointed.stream().map(ResourceFormat::unreservedForm).toList();
        return Resources.of(config.resources())
                .minus(Resources.of(carved))
                .plus(Resources.of(checkpointed))
                .toList();
    }

    // ---- actor plumbing ---------------------------------------------------------------------

    private void run(Runnable work) {
        if (stopped) return;
        try {
            actor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("agent {} failed handling a message", id.getValue(), e);
                }
            });
        } catch (RejectedExecutionException ignored) {
            // stopped meanwhile
        }
    }

    private <T> CompletableFuture<T> onActor(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (stopped) {
            f.completeExceptionally(new IllegalStateException("agent stopped"));
            return f;
        }
        try {
            actor.execute(() -> {
                try {
                    f.complete(work.get());
                } catch (RuntimeException e) {
                    LOG.error("agent {} failed handling a call", id.getValue(), e);
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    // ---- messages from the master ------------------------------------------------------------

    @Override
    public void runTask(FrameworkInfo framework, TaskInfo task) {
        run(() -> doRunTask(framework, task));
    }

    private void doRunTask(FrameworkInfo framework, TaskInfo task) {
        AgentTask t = new AgentTask(framework, task);
        tasks.put(AgentBooks.key(t.frameworkId(), task.getTaskId().getValue()), t);
        ExecutorRun run = executors.get(t.executorKey());
        if (run != null && run.shuttingDown) {
            updates.enqueue(
                    t,
                    books.agentStatus(
                            t,
                            TaskState.TASK_FAILED,
                            TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
                            "Executor is shutting down"));
            books.saveTasks();
            return;
        }
        boolean fresh = run == null;
        try {
            if (fresh) run = launchExecutor(framework, task.getExecutor());
            for (Resource r : task.getResourcesList()) {
                if (ResourceFormat.isPersistentVolume(r))
                    volumes.link(ResourceFormat.normalize(r), run.sandbox, run.user);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Launching task {} failed", task.getTaskId().getValue(), e);
            updates.enqueue(
                    t,
                    books.agentStatus(
                            t,
                            TaskState.TASK_FAILED,
                            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                            "Failed to launch container: " + e.getMessage()));
            books.saveTasks();
            if (fresh) {
                if (run != null) {
                    run.shuttingDown = true;
                    killProcess(run);
                } else {
                    master.get()
                            .executorExited(
                                    id, framework.getId(), task.getExecutor().getExecutorId(), -1);
                }
            }
            return;
        }
        books.saveTasks();
        if (run.subscribed()) run.launch(t);
    }

    /**
     * Registers the executor and starts fetching and launching it on another thread, so a slow download
     * does not hold up the agent; its tasks wait for the executor to subscribe either way.
     */
    private ExecutorRun launchExecutor(FrameworkInfo framework, ExecutorInfo info) throws IOException {
        String containerId = UUID.randomUUID().toString();
        ExecutorRun run = new ExecutorRun(
                framework,
                info,
                ContainerID.newBuilder().setValue(containerId).build(),
                ExecutorLauncher.sandboxOf(
                        config.workDir(),
                        id.getValue(),
                        framework.getId().getValue(),
                        info.getExecutorId().getValue(),
                        containerId),
                ExecutorLauncher.taskUser(framework, info));
        java.nio.file.Files.createDirectories(run.sandbox);
        ExecutorLauncher.checkReachable(run);
        executors.put(run.key(), run);
        ExecutorLauncher.AgentEnv env = new ExecutorLauncher.AgentEnv(
                id.getValue(),
                config.ip(),
                port(),
                config.executorShutdownGracePeriod().toMillis() + "ms",
                config.secrets(),
                config.https().map(AgentHttps::executorEnvironmentVariables).orElse(Map.of()));
        CompletableFuture.runAsync(() -> {
            try {
                run.process = ExecutorLauncher.launch(run, env);
            } catch (IOException | RuntimeException e) {
                run(() -> launchFailed(run, e));
                return;
            }
            if (stopped) {
                killAll(run); // the agent stopped while fetching: nothing may be left running
                return;
            }
            run(() -> launched(run));
        });
        return run;
    }

    private void launched(ExecutorRun run) {
        ExecutorInfo info = run.info;
        books.saveExecutorProcesses();
        LOG.info("Started executor {} (pid {}) in {}", info.getExecutorId().getValue(), run.process.pid(), run.sandbox);
        run.process.onExit().thenRun(() -> run(() -> executorTerminated(run)));
        if (run.shuttingDown || executors.get(run.key()) != run) {
            killProcess(run); // killed or shut down while it was being fetched
            return;
        }
        run.registrationTimer = actor.schedule(
                () -> {
                    if (!run.subscribed() && executors.get(run.key()) == run) {
                        LOG.warn(
                                "Executor {} did not subscribe within {}",
                                info.getExecutorId().getValue(),
                                config.executorRegistrationTimeout());
                        run.registrationTimedOut = true;
                        killProcess(run);
                    }
                },
                config.executorRegistrationTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void launchFailed(ExecutorRun run, Exception e) {
        LOG.warn("Launching executor {} failed", run.info.getExecutorId().getValue(), e);
        if (executors.get(run.key()) != run) return;
        executors.remove(run.key());
        for (AgentTask t : books.tasksOf(run)) {
            if (t.isTerminal()) continue;
            updates.enqueue(
                    t,
                    books.agentStatus(
                            t,
                            TaskState.TASK_FAILED,
                            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                            "Failed to launch container: " + e.getMessage()));
        }
        books.saveTasks();
        master.get().executorExited(id, run.framework.getId(), run.info.getExecutorId(), -1);
    }

    private void killProcess(ExecutorRun run) {
        CompletableFuture.runAsync(() -> killAll(run));
    }

    /** The executor, its tree, its process group and every descendant ever seen: nothing may outlive it. */
    private static void killAll(ExecutorRun run) {
        Process process = run.process;
        if (process == null) return; // still fetching: killed as soon as it starts (see launched)
        ProcessTree.kill(process.toHandle());
        List.copyOf(run.descendants).forEach(ProcessTree::kill);
        if (ProcessGroups.setsid().isPresent()) ProcessGroups.killGroup(process.pid());
    }

    private void executorTerminated(ExecutorRun run) {
        if (executors.get(run.key()) != run) return;
        executors.remove(run.key());
        books.saveExecutorProcesses();
        if (run.registrationTimer != null) run.registrationTimer.cancel(false);
        if (run.stream != null) run.stream.close();
        // no exit may leave children behind (e.g. a Cassandra JVM), including ones already re-parented
        killAll(run);
        int status = run.process.exitValue();
        LOG.info("Executor {} exited with status {}", run.info.getExecutorId().getValue(), status);
        for (AgentTask t : books.tasksOf(run)) {
            if (t.isTerminal()) continue;
            TaskState state = t.killRequested || run.shuttingDown ? TaskState.TASK_KILLED : TaskState.TASK_FAILED;
            TaskStatus.Reason reason = run.registrationTimedOut
                    ? TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT
                    : TaskStatus.Reason.REASON_EXECUTOR_TERMINATED;
            updates.enqueue(t, books.agentStatus(t, state, reason, "Executor terminated with status " + status));
        }
        books.saveTasks();
        master.get().executorExited(id, run.framework.getId(), run.info.getExecutorId(), status);
    }

    @Override
    public void killTask(FrameworkID frameworkId, TaskID taskId, Optional<KillPolicy> killPolicy) {
        run(() -> {
            AgentTask t = tasks.get(AgentBooks.key(frameworkId.getValue(), taskId.getValue()));
            if (t == null || t.isTerminal()) return;
            t.killRequested = true;
            ExecutorRun run = executors.get(t.executorKey());
            if (run == null || !t.delivered) {
                updates.enqueue(
                        t,
                        books.agentStatus(
                                t,
                                TaskState.TASK_KILLED,
                                TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                                "Killed before it was delivered to the executor"));
                books.saveTasks();
                if (run != null && books.tasksOf(run).stream().allMatch(AgentTask::isTerminal)) shutdown(run);
                return;
            }
            Event.Kill.Builder kill = Event.Kill.newBuilder().setTaskId(taskId);
            killPolicy.ifPresent(kill::setKillPolicy);
            if (run.subscribed())
                run.stream.send(Event.newBuilder()
                        .setType(Event.Type.KILL)
                        .setKill(kill)
                        .build());
            Optional<Duration> grace = killPolicy
                    .filter(KillPolicy::hasGracePeriod)
                    .or(() -> t.info.hasKillPolicy() && t.info.getKillPolicy().hasGracePeriod()
                            ? Optional.of(t.info.getKillPolicy())
                            : Optional.empty())
                    .map(p -> Duration.ofNanos(p.getGracePeriod().getNanoseconds()));
            // The executor owns the kill. With a grace period, an executor that has not reported a terminal
            // state by then (+1 s) is ended by the agent; without one it is left alone, as Mesos does.
            grace.ifPresent(g -> actor.schedule(
                    () -> {
                        if (!t.isTerminal() && executors.get(run.key()) == run) {
                            LOG.warn(
                                    "Task {} not terminal {} after KILL: killing executor {}",
                                    taskId.getValue(),
                                    g,
                                    run.info.getExecutorId().getValue());
                            killProcess(run);
                        }
                    },
                    g.toMillis() + 1000,
                    TimeUnit.MILLISECONDS));
        });
    }

    @Override
    public void shutdownExecutor(FrameworkID frameworkId, ExecutorID executorId) {
        run(() -> {
            ExecutorRun run = executors.get(AgentBooks.key(frameworkId.getValue(), executorId.getValue()));
            if (run != null) shutdown(run);
        });
    }

    private void shutdown(ExecutorRun run) {
        if (run.shuttingDown) return;
        run.shuttingDown = true;
        books.tasksOf(run).forEach(t -> t.killRequested = true);
        if (!run.subscribed()) {
            killProcess(run);
            return;
        }
        run.stream.send(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
        Duration grace = run.info.hasShutdownGracePeriod()
                ? Duration.ofNanos(run.info.getShutdownGracePeriod().getNanoseconds())
                : config.executorShutdownGracePeriod();
        actor.schedule(
                () -> {
                    if (executors.get(run.key()) == run) killProcess(run);
                },
                grace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdownFramework(FrameworkID frameworkId) {
        run(() -> {
            String prefix = frameworkId.getValue() + "/";
            for (ExecutorRun run : new ArrayList<>(executors.values())) {
                if (run.key().startsWith(prefix)) shutdown(run);
            }
            tasks.entrySet().removeIf(e -> {
                if (!e.getKey().startsWith(prefix)) return false;
                updates.cancel(e.getValue());
                return true;
            });
            books.saveTasks();
        });
    }

    @Override
    public void acknowledge(FrameworkID frameworkId, TaskID taskId, ByteString uuid) {
        run(() -> {
            String k = AgentBooks.key(frameworkId.getValue(), taskId.getValue());
            AgentTask t = tasks.get(k);
            if (t == null) return;
            if (updates.acknowledge(t, uuid)) tasks.remove(k);
            books.saveTasks();
        });
    }

    @Override
    public void frameworkMessage(FrameworkID frameworkId, ExecutorID executorId, ByteString data) {
        run(() -> {
            ExecutorRun run = executors.get(AgentBooks.key(frameworkId.getValue(), executorId.getValue()));
            if (run != null && run.subscribed()) {
                run.stream.send(Event.newBuilder()
                        .setType(Event.Type.MESSAGE)
                        .setMessage(Event.Message.newBuilder().setData(data))
                        .build());
            }
        });
    }

    @Override
    public void checkpointResources(List<Resource> resources) {
        run(() -> {
            checkpointed = List.copyOf(resources);
            checkpoint.saveResources(checkpointed);
            try {
                volumes.sync(checkpointed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---- executor API (answered on the agent's thread) -----------------------------------------------

    CompletableFuture<Answer> subscribeExecutor(Call call, EventStream stream) {
        return onActor(() -> executorCalls.subscribe(call, stream));
    }

    CompletableFuture<Answer> executorCall(Call call) {
        return onActor(() -> executorCalls.handle(call));
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    /** Pids of the executor processes (for tests that kill one). */
    public CompletableFuture<Map<String, Long>> executorPids() {
        return onActor(() -> {
            Map<String, Long> out = new LinkedHashMap<>();
            executors.values().stream()
                    .filter(r -> r.process != null)
                    .forEach(r -> out.put(r.info.getExecutorId().getValue(), r.process.pid()));
            return out;
        });
    }

    /**
     * Stops the agent like a power loss: every executor process tree is killed, no updates are sent,
     * the master learns the agent is gone. Reservations, volumes and tasks stay checkpointed.
     */
    public void stop() {
        if (stopped) return;
        CompletableFuture<Void> done = onActor(() -> {
            stopped = true;
            for (ExecutorRun run : executors.values()) {
                if (run.stream != null) run.stream.close();
                killAll(run);
            }
            tasks.values().forEach(updates::cancel);
            return null;
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping agent {} cleanly failed", id.getValue(), e);
        }
        stopped = true;
        actor.shutdownNow();
        // executors that did not stop with the actor (e.g. the wait timed out) are still killed
        executors.values().forEach(Agent::killAll);
        if (http != null) http.close();
        // A power loss sends the master nothing: it learns only when the agent stops answering its pings
        // (Master::exited, src/master/master.cpp:1302-1313 at 1.11.0: even a broken socket takes no immediate action
        // for
        // checkpointing frameworks; the agent observer marks the agent unreachable after the ping timeouts).
        LOG.info("Local Mesos agent {} stopped", id.getValue());
    }

    @Override
    public void close() {
        stop();
    }
}

package org.cassandramesos.executor.mesos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.executor.api.NodeApiServer;
import org.cassandramesos.executor.backup.BackupSource;
import org.cassandramesos.executor.cql.CqlCredentials;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jmx.NodeStatus;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.executor.secrets.ClusterSecretsKeeper;
import org.cassandramesos.executor.secrets.VolumeSecrets;
import org.cassandramesos.mesos.executor.Executor;
import org.cassandramesos.mesos.executor.ExecutorDriver;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.secrets.ExecutorHandshake;
import org.cassandramesos.protocol.secrets.RecallAnswer;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.cassandramesos.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Cassandra node per task: LAUNCH first gets the task's secrets (sealed in a framework message, or from the
 * environment on DC/OS Enterprise; without them the task fails; secrets sent by message are kept on the volume and
 * returned to a scheduler that recalls them), then renders the config and starts Cassandra and
 * its node API (TASK_STARTING), TASK_RUNNING
 * follows once JMX says NORMAL and CQL answers; Cassandra dying unasked is TASK_FAILED with the reason and log tail;
 * KILL and SHUTDOWN drain, stop within the grace period and send TASK_KILLED. An operator's stop, shutdown, start or
 * reset through the node API keeps the task alive: TASK_RUNNING without the readiness label while Cassandra does not
 * serve, and the ready TASK_RUNNING again once it does.
 */
public final class CassandraExecutor implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraExecutor.class);
    private static final Duration READINESS_POLL = Duration.ofSeconds(1);

    private final ExecutorEnvironment env;
    private final ExecutorService readiness = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cassandra-readiness");
        thread.setDaemon(true);
        return thread;
    });
    // Guarded by this.
    private final Map<TaskID, RunningTask> tasks = new LinkedHashMap<>();
    // Guarded by this: tasks whose terminal update went out, so a late KILL does not get a second one.
    private final java.util.Set<TaskID> finished = new java.util.HashSet<>();
    private volatile boolean killingStateSupported;
    private final ExecutorHandshake handshake;
    private final ClusterSecretsKeeper clusterSecrets = new ClusterSecretsKeeper();
    // Guarded by this: the task launched but waiting for its secrets, before Cassandra starts.
    private TaskID awaitingSecrets;

    public CassandraExecutor(ExecutorEnvironment env) {
        this(env, new ExecutorHandshake());
    }

    CassandraExecutor(ExecutorEnvironment env, ExecutorHandshake handshake) {
        this.env = env;
        this.handshake = handshake;
    }

    /**
     * A launched task: its node, its jobs, its API server, whether its terminal update went out, and which start of
     * Cassandra the readiness check watches (an operator start begins a new one).
     */
    private record RunningTask(
            TaskID id,
            CassandraNode node,
            NodeJobs jobs,
            NodeApiServer api,
            AtomicBoolean terminal,
            AtomicLong starts) {}

    @Override
    public void subscribed(ExecutorDriver driver, Event.Subscribed subscribed) {
        killingStateSupported = subscribed.getFrameworkInfo().getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        LOG.info("subscribed to agent {} ({})", subscribed.getAgentInfo().getHostname(), env);
    }

    @Override
    public void launch(ExecutorDriver driver, TaskInfo task) {
        TaskID id = task.getTaskId();
        CassandraNodeSpec spec;
        try {
            spec = TaskData.decode(task.getData(), CassandraNodeSpec.class);
        } catch (IllegalArgumentException e) {
            refuse(driver, id, e.getMessage());
            return;
        }
        synchronized (this) {
            if (!tasks.isEmpty() || awaitingSecrets != null) {
                refuse(
                        driver,
                        id,
                        "this executor already runs a Cassandra node (task "
                                + (awaitingSecrets != null
                                                ? awaitingSecrets
                                                : tasks.keySet().iterator().next())
                                        .getValue()
                                + ")");
                return;
            }
        }
        Path volume = env.sandbox().resolve(spec.volumePath());
        if (!Files.isDirectory(volume)) {
            refuse(
                    driver,
                    id,
                    "the persistent volume is missing: " + volume + " (volume_path '" + spec.volumePath()
                            + "' in the sandbox)");
            return;
        }
        clusterSecrets.launched(id.getValue(), VolumeSecrets.on(volume));
        boolean startStopped = NodeReadiness.startsStopped(task.getLabels());
        if (env.environmentSecrets().isPresent()) {
            clusterSecrets.hold(id.getValue(), env.environmentSecrets().get()); // the secret store keeps them
            start(driver, id, spec, volume, env.environmentSecrets().get(), startStopped);
            return;
        }
        // Cassandra and its node API start only once the secrets are here (docs/secrets.md)
        synchronized (this) {
            awaitingSecrets = id;
        }
        handshake.start(
                driver,
                id.getValue(),
                secrets -> {
                    if (claimAwaited(id)) {
                        try {
                            if (env.keepsClusterSecrets()) {
                                // the node keeps them before it serves with them: the scheduler that generated them
                                // keeps none
                                clusterSecrets.keep(id.getValue(), secrets);
                            } else {
                                clusterSecrets.hold(id.getValue(), secrets); // the operator's secret store keeps them
                            }
                        } catch (IOException | RuntimeException e) {
                            LOG.error(
                                    "task {} cannot keep its cluster secrets on its volume: {}",
                                    id.getValue(),
                                    e.toString());
                            refuse(driver, id, "could not keep the cluster secrets on the persistent volume: " + e);
                            return;
                        }
                        start(driver, id, spec, volume, secrets, startStopped);
                    }
                },
                why -> {
                    if (claimAwaited(id)) {
                        LOG.error("task {} gets no secrets: {}", id.getValue(), why);
                        refuse(driver, id, why);
                    }
                });
    }

    /** Whether {@code id} still waited for its secrets (not killed meanwhile); it waits no longer. */
    private synchronized boolean claimAwaited(TaskID id) {
        if (!id.equals(awaitingSecrets)) {
            return false;
        }
        awaitingSecrets = null;
        return true;
    }

    /** @param startStopped created stopped: the node API serves, Cassandra waits for {@code start} */
    private void start(
            ExecutorDriver driver,
            TaskID id,
            CassandraNodeSpec spec,
            Path volume,
            SecretBundle secrets,
            boolean startStopped) {
        Optional<String> cqlPassword = secrets.get(SecretBundle.CQL_PASSWORD);
        if (spec.cqlAuthentication() && cqlPassword.isEmpty()) {
            refuse(
                    driver,
                    id,
                    "CQL authentication is on but the executor got no password for the CQL superuser "
                            + spec.cqlSuperuser() + " (secret " + SecretBundle.CQL_PASSWORD + ")");
            return;
        }
        NodeLayout layout =
                new NodeLayout(env.cassandraHome(), volume, env.sandbox().resolve("cassandra-run"));
        AtomicBoolean terminal = new AtomicBoolean();
        // the node's key and certificate arrive with its other secrets, issued by the scheduler (docs/tls.md)
        Optional<TlsMaterial> tls = TlsMaterial.fromSecrets(secrets.asMap());
        CassandraNode node = new CassandraNode(
                spec,
                env.ip(),
                layout,
                cqlPassword.map(password -> new CqlCredentials(spec.cqlSuperuser(), password)),
                tls,
                exit -> died(driver, id, exit));
        NodeApiServer api = null;
        NodeJobs jobs = new NodeJobs(node, NodeJobKinds.all());
        AtomicLong starts = new AtomicLong();
        try {
            CassandraVerbs lifecycle =
                    new CassandraVerbs(node, ExecutorEnvironment.DEFAULT_KILL_GRACE, ProcessCounters.system());
            api = NodeApiServer.start(
                    lifecycle,
                    jobs,
                    env.ip(),
                    spec.ports().nodeApi(),
                    secrets.require(SecretBundle.NODE_API_TOKEN),
                    tls,
                    NodeApiServer.maxRequestBodyBytes(System.getenv()),
                    BackupSource.of(secrets.asMap()));
            RunningTask running = new RunningTask(id, node, jobs, api, terminal, starts);
            lifecycle.listener(new OperatorActions(driver, running));
            synchronized (this) {
                tasks.put(id, running);
            }
            if (startStopped) {
                driver.update(TaskStatuses.status(
                        id,
                        TaskState.TASK_RUNNING,
                        "created stopped: Cassandra " + spec.nodeName() + " is not started; POST /v1/cassandra/start"
                                + " starts it (node API at " + api.uri() + ")",
                        TaskData.encode(report(node, null, null))));
                return;
            }
            long pid = node.start();
            driver.update(TaskStatuses.status(
                    id,
                    TaskState.TASK_STARTING,
                    "Cassandra " + spec.nodeName() + " started (pid " + pid + ") on " + env.ip() + "; node API at "
                            + api.uri(),
                    TaskData.encode(report(node, null, null))));
            long start = starts.incrementAndGet();
            readiness.execute(() -> awaitReady(driver, running, start));
        } catch (Exception e) {
            LOG.error("launch of {} failed", id.getValue(), e);
            synchronized (this) {
                tasks.remove(id);
                finished.add(id);
            }
            if (terminal.compareAndSet(false, true)) {
                driver.update(TaskStatuses.status(
                        id,
                        TaskState.TASK_FAILED,
                        "could not start Cassandra: " + e.getMessage()
                                + (node.error().isEmpty() ? "" : "\n" + node.error())));
            }
            release(id, node, jobs, api);
        }
    }

    /**
     * Operator stops and starts through the node API (seed 003): the task stays alive. A stop says, in a TASK_RUNNING
     * update without the readiness label, that the node no longer serves; a start watches readiness again.
     */
    private final class OperatorActions implements CassandraVerbs.Listener {
        private final ExecutorDriver driver;
        private final RunningTask task;

        OperatorActions(ExecutorDriver driver, RunningTask task) {
            this.driver = driver;
            this.task = task;
        }

        @Override
        public void stopped(String verb, String how) {
            task.starts().incrementAndGet(); // ends the readiness check of the process that stopped
            if (!task.terminal().get()) {
                driver.update(TaskStatuses.status(
                        task.id(),
                        TaskState.TASK_RUNNING,
                        "Cassandra stopped by operator (" + verb + "): " + how,
                        TaskData.encode(report(task.node(), null, null))));
            }
        }

        @Override
        public void started(String verb, long pid) {
            long start = task.starts().incrementAndGet();
            if (!task.terminal().get()) {
                driver.update(TaskStatuses.status(
                        task.id(),
                        TaskState.TASK_RUNNING,
                        "Cassandra started by operator (" + verb + ", pid " + pid + "); waiting for it to serve",
                        TaskData.encode(report(task.node(), null, null))));
                readiness.execute(() -> awaitReady(driver, task, start));
            }
        }
    }

    private void refuse(ExecutorDriver driver, TaskID id, String why) {
        synchronized (this) {
            finished.add(id);
        }
        driver.update(TaskStatuses.status(id, TaskState.TASK_FAILED, why));
    }

    private void awaitReady(ExecutorDriver driver, RunningTask task, long start) {
        try {
            while (!task.terminal().get()
                    && task.starts().get() == start
                    && task.node().isRunning()) {
                if (task.node().ready()) {
                    NodeStatus status = task.node().status();
                    if (!task.terminal().get() && task.starts().get() == start) {
                        driver.update(TaskStatuses.running(
                                task.id(),
                                "Cassandra is up (" + status.operationMode() + ") and answers CQL on " + env.ip() + ":"
                                        + task.node().spec().ports().nativeTransport(),
                                TaskData.encode(report(task.node(), status, null))));
                        LOG.info("task {} is RUNNING", task.id().getValue());
                    }
                    return;
                }
                Thread.sleep(READINESS_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JmxException e) {
            LOG.warn("readiness check of {} failed: {}", task.id().getValue(), e.getMessage());
        }
    }

    private void died(ExecutorDriver driver, TaskID id, ProcessExit exit) {
        RunningTask task;
        synchronized (this) {
            task = tasks.get(id);
            if (task == null || !task.terminal().compareAndSet(false, true)) {
                return; // a requested stop is under way, or the task already ended
            }
            tasks.remove(id);
            finished.add(id);
        }
        driver.update(TaskStatuses.status(
                id, TaskState.TASK_FAILED, exit.report(), TaskData.encode(report(task.node(), null, exit))));
        release(id, task.node(), task.jobs(), task.api());
    }

    @Override
    public void kill(ExecutorDriver driver, TaskID taskId, KillPolicy policy) {
        Duration grace = policy.hasGracePeriod()
                ? Duration.ofNanos(policy.getGracePeriod().getNanoseconds())
                : ExecutorEnvironment.DEFAULT_KILL_GRACE;
        stopTask(driver, taskId, grace);
    }

    private void stopTask(ExecutorDriver driver, TaskID taskId, Duration grace) {
        RunningTask task;
        synchronized (this) {
            if (finished.contains(taskId)) {
                LOG.info("KILL for {}, which already ended: nothing to do", taskId.getValue());
                return;
            }
            task = tasks.remove(taskId);
            finished.add(taskId);
            if (taskId.equals(awaitingSecrets)) {
                awaitingSecrets = null;
                handshake.cancel(taskId.getValue());
            }
            // Claimed before stopping: the exit this causes is not a failure, and readiness must not report RUNNING.
            if (task != null && !task.terminal().compareAndSet(false, true)) {
                task = null;
            }
        }
        if (task == null) {
            driver.update(TaskStatuses.status(taskId, TaskState.TASK_KILLED, "no Cassandra node runs for this task"));
            return;
        }
        if (killingStateSupported) {
            driver.update(TaskStatuses.status(
                    taskId, TaskState.TASK_KILLING, "draining and stopping Cassandra within " + grace));
        }
        String how;
        try {
            how = task.node().stop(grace).map(ProcessExit::reason).orElse("Cassandra was not running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            how = "interrupted while stopping Cassandra";
        }
        driver.update(TaskStatuses.status(taskId, TaskState.TASK_KILLED, how));
        release(taskId, task.node(), task.jobs(), task.api());
    }

    @Override
    public void message(ExecutorDriver driver, byte[] data) {
        SecretsMessage message;
        try {
            message = SecretsMessage.decode(data);
        } catch (IllegalArgumentException e) {
            LOG.info("ignoring a {}-byte framework message that is not a secrets message", data.length);
            return;
        }
        if (message instanceof SecretsMessage.Recall recall) {
            RecallAnswer answer = clusterSecrets.answer(recall);
            if (answer instanceof RecallAnswer.Send send) {
                driver.message(SecretsMessage.encode(send.message()));
                LOG.info(
                        "returned the cluster secrets of task {} to the scheduler's recall, sealed to its key",
                        recall.taskId());
            } else if (answer instanceof RecallAnswer.Nothing nothing) {
                LOG.warn("not answering {}", nothing.why());
            }
        } else if (!handshake.received(message)) {
            LOG.info(
                    "ignoring a {} for task {}: not a message an executor answers",
                    message.getClass().getSimpleName(),
                    message.taskId());
        }
    }

    @Override
    public void shutdown(ExecutorDriver driver) {
        List<TaskID> ids;
        synchronized (this) {
            ids = new ArrayList<>(tasks.keySet());
            if (awaitingSecrets != null) {
                ids.add(awaitingSecrets);
            }
        }
        for (TaskID id : ids) {
            stopTask(driver, id, env.shutdownGrace());
        }
    }

    @Override
    public void error(ExecutorDriver driver, String message) {
        LOG.error("agent reported an error: {}", message);
    }

    private NodeReport report(CassandraNode node, NodeStatus status, ProcessExit exit) {
        return new NodeReport(
                node.spec().nodeName(),
                node.ip(),
                status == null ? null : status.hostId(),
                status == null ? null : status.operationMode(),
                node.spec().ports().nativeTransport(),
                node.spec().ports().nodeApi(),
                node.process().lastPid().isPresent() ? node.process().lastPid().getAsLong() : null,
                exit == null ? null : exit.exitCode());
    }

    private static void release(TaskID id, CassandraNode node, NodeJobs jobs, NodeApiServer api) {
        try {
            if (api != null) {
                api.close();
            }
        } catch (Exception e) {
            LOG.warn("stopping the node API of {} failed: {}", id.getValue(), e.toString());
        }
        jobs.close();
        node.close();
    }

    /** Stops every node still running (used when the executor exits). */
    @Override
    public void close() {
        List<RunningTask> left;
        synchronized (this) {
            left = new ArrayList<>(tasks.values());
            tasks.clear();
        }
        for (RunningTask task : left) {
            task.terminal().set(true);
            release(task.id(), task.node(), task.jobs(), task.api());
        }
        handshake.close();
        readiness.shutdownNow();
        try {
            readiness.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

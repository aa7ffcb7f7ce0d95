package org.cassandramesos.executor.mesos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.cassandramesos.executor.cql.CqlCredentials;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jmx.NodeStatus;
import org.cassandramesos.executor.jobs.NodeJobKinds;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.lifecycle.NodeLifecycle;
import org.cassandramesos.executor.lifecycle.ProcessCounters;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.NodeLayout;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.mesos.executor.Executor;
import org.cassandramesos.mesos.executor.ExecutorDriver;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Cassandra node per task: LAUNCH renders the config and starts Cassandra (TASK_STARTING), TASK_RUNNING
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

    public CassandraExecutor(ExecutorEnvironment env) {
        this.env = env;
    }

    /**
     * A launched task: its node, its jobs, its API server, whether its terminal update went out, and which start of
     * Cassandra the readiness check watches (an operator start begins a new one).
     */
    private record RunningTask(TaskID id, CassandraNode node, NodeJobs jobs, NodeApiServer api, AtomicBoolean terminal,
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
            if (!tasks.isEmpty()) {
                refuse(driver, id, "this executor already runs a Cassandra node (task "
                        + tasks.keySet().iterator().next().getValue() + ")");
                return;
            }
        }
        Path volume = env.sandbox().resolve(spec.volumePath());
        if (!Files.isDirectory(volume)) {
            refuse(driver, id, "the persistent volume is missing: " + volume
                    + " (volume_path '" + spec.volumePath() + "' in the sandbox)");
            return;
        }
        if (spec.cqlAuthentication() && env.secrets().cqlPassword().isEmpty()) {
            refuse(driver, id, "CQL authentication is on but the executor got no password for the CQL superuser "
                    + spec.cqlSuperuser() + " (" + ExecutorEnvironment.CQL_PASSWORD + ", secret <service>/cql-password)");
            return;
        }
        NodeLayout layout = new NodeLayout(env.cassandraHome(), volume, env.sandbox().resolve("cassandra-run"));
        AtomicBoolean terminal = new AtomicBoolean();
        CassandraNode node = new CassandraNode(spec, env.ip(), layout,
                env.secrets().cqlPassword().map(password -> new CqlCredentials(spec.cqlSuperuser(), password)),
                exit -> died(driver, id, exit));
        NodeApiServer api = null;
        NodeJobs jobs = new NodeJobs(node, NodeJobKinds.all());
        AtomicLong starts = new AtomicLong();
        try {
            NodeLifecycle lifecycle = new NodeLifecycle(node, ExecutorEnvironment.DEFAULT_KILL_GRACE, ProcessCounters.system());
            api = NodeApiServer.start(lifecycle, jobs, env.ip(), spec.ports().nodeApi(), env.secrets().nodeApiToken());
            RunningTask running = new RunningTask(id, node, jobs, api, terminal, starts);
            lifecycle.listener(new OperatorActions(driver, running));
            synchronized (this) {
                tasks.put(id, running);
            }
            long pid = node.start();
            driver.update(TaskStatuses.status(id, TaskState.TASK_STARTING, "Cassandra " + spec.nodeName() + " started (pid "
                    + pid + ") on " + env.ip() + "; node API at " + api.uri(), TaskData.encode(report(node, null, null))));
            long start = starts.incrementAndGet();
            readiness.execute(() -> awaitReady(driver, running, start));
        } catch (Exception e) {
            LOG.error("launch of {} failed", id.getValue(), e);
            synchronized (this) {
                tasks.remove(id);
                finished.add(id);
            }
            if (terminal.compareAndSet(false, true)) {
                driver.update(TaskStatuses.status(id, TaskState.TASK_FAILED, "could not start Cassandra: " + e.getMessage()
                        + (node.error().isEmpty() ? "" : "\n" + node.error())));
            }
            release(id, node, jobs, api);
        }
    }

    /**
     * Operator stops and starts through the node API (seed 003): the task stays alive. A stop says, in a TASK_RUNNING
     * update without the readiness label, that the node no longer serves; a start watches readiness again.
     */
    private final class OperatorActions implements NodeLifecycle.Listener {
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
                driver.update(TaskStatuses.status(task.id(), TaskState.TASK_RUNNING, "Cassandra stopped by operator ("
                        + verb + "): " + how, TaskData.encode(report(task.node(), null, null))));
            }
        }

        @Override
        public void started(String verb, long pid) {
            long start = task.starts().incrementAndGet();
            if (!task.terminal().get()) {
                driver.update(TaskStatuses.status(task.id(), TaskState.TASK_RUNNING, "Cassandra started by operator ("
                        + verb + ", pid " + pid + "); waiting for it to serve", TaskData.encode(report(task.node(), null, null))));
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
            while (!task.terminal().get() && task.starts().get() == start && task.node().isRunning()) {
                if (task.node().ready()) {
                    NodeStatus status = task.node().status();
                    if (!task.terminal().get() && task.starts().get() == start) {
                        driver.update(TaskStatuses.running(task.id(), "Cassandra is up (" + status.operationMode()
                                + ") and answers CQL on " + env.ip() + ":" + task.node().spec().ports().nativeTransport(),
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
        driver.update(TaskStatuses.status(id, TaskState.TASK_FAILED, exit.report(),
                TaskData.encode(report(task.node(), null, exit))));
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
            driver.update(TaskStatuses.status(taskId, TaskState.TASK_KILLING, "draining and stopping Cassandra within " + grace));
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
        LOG.info("ignoring a {}-byte framework message: no messages are defined yet", data.length);
    }

    @Override
    public void shutdown(ExecutorDriver driver) {
        List<TaskID> ids;
        synchronized (this) {
            ids = new ArrayList<>(tasks.keySet());
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
        return new NodeReport(node.spec().nodeName(), node.ip(),
                status == null ? null : status.hostId(),
                status == null ? null : status.operationMode(),
                node.spec().ports().nativeTransport(), node.spec().ports().nodeApi(),
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
        readiness.shutdownNow();
        try {
            readiness.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

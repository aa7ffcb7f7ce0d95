package org.cassandramesos.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;

/**
 * A local Mesos with N agents and the test framework subscribed to it: places Cassandra nodes (first placement,
 * relaunch on their reservation), kills them, and remembers every process they started.
 */
public final class CassandraOnLocalMesos implements AutoCloseable {
    /** Fetching and extracting ~70 MB, starting the executor and a fresh node on a busy 2-core machine. */
    public static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(180);
    /** A first placement and at most two relaunches, for the fast-start gossip race only. */
    public static final int LAUNCH_ATTEMPTS = 3;
    public static final Duration STOP_TIMEOUT = NodeTasks.KILL_GRACE.plusSeconds(30);
    /** Fixed Cassandra ports, as in production; distinct agent IPs keep them apart. */
    public static final int NATIVE_PORT = 9042;
    public static final int STORAGE_PORT = 7000;
    public static final int JMX_PORT = 7199;

    private final LocalMesos mesos;
    private final TestFramework framework;
    private final NodeTasks.ExecutorLaunch launch;
    private final ProcessCensus census = new ProcessCensus();
    private final int nodeApiPort;
    private final AtomicInteger launches = new AtomicInteger();
    private final Map<String, String> currentTask = new ConcurrentHashMap<>();
    private final List<TaskStatus> launchRetries = new java.util.concurrent.CopyOnWriteArrayList<>();

    private CassandraOnLocalMesos(LocalMesos mesos, TestFramework framework, NodeTasks.ExecutorLaunch launch, int nodeApiPort) {
        this.mesos = mesos;
        this.framework = framework;
        this.launch = launch;
        this.nodeApiPort = nodeApiPort;
    }

    public static CassandraOnLocalMesos start(Path workDir, int agents) throws IOException {
        LocalMesosConfig config = LocalMesosConfig.builder(workDir)
                // Ports from 7000 so the fixed Cassandra ports are real, reserved port resources.
                .agents(agents, AgentSpec.of(2, 4096, 10240).withPorts(STORAGE_PORT, 32000))
                .heartbeatInterval(Duration.ofSeconds(2))
                .allocationInterval(Duration.ofMillis(200))
                .statusUpdateRetryInterval(Duration.ofSeconds(2))
                .executorRegistrationTimeout(Duration.ofSeconds(60))
                .build();
        List<String> ips = java.util.stream.IntStream.range(0, agents).mapToObj(LocalMesosConfig::agentIp).toList();
        int nodeApiPort = freePort(ips, 31000, 32000);
        LocalMesos mesos = LocalMesos.start(config);
        TestFramework framework = null;
        try {
            framework = new TestFramework(mesos.masterUri()).start();
            NodeTasks.ExecutorLaunch launch = new NodeTasks.ExecutorLaunch(Artifacts.fromSystemProperties(),
                    UUID.randomUUID().toString());
            return new CassandraOnLocalMesos(mesos, framework, launch, nodeApiPort);
        } catch (RuntimeException e) {
            if (framework != null) {
                framework.close();
            }
            mesos.close();
            throw e;
        }
    }

    public LocalMesos mesos() {
        return mesos;
    }

    public TestFramework framework() {
        return framework;
    }

    public ProcessCensus census() {
        return census;
    }

    /** Node {@code name} on agent {@code agent}, with the given seeds. */
    public NodePlan plan(String name, int agent, List<String> seeds) {
        return new NodePlan(name, agent, mesos.agentIp(agent), seeds,
                new CassandraNodeSpec.Ports(NATIVE_PORT, STORAGE_PORT, JMX_PORT, nodeApiPort), "volume-" + name);
    }

    public NodeApi nodeApi(NodePlan plan) {
        return new NodeApi(plan.ip(), plan.ports().nodeApi(), launch.nodeApiToken());
    }

    public AgentID agentId(NodePlan plan) {
        return mesos.agentId(plan.agent());
    }

    public String currentTask(NodePlan plan) {
        return currentTask.get(plan.name());
    }

    // ---- lifecycle -----------------------------------------------------------------------------------

    /** First placement: RESERVE + CREATE + LAUNCH in one ACCEPT; returns the TASK_RUNNING status. */
    public TaskStatus launch(NodePlan plan) {
        String taskId = nextTaskId(plan);
        List<Offer> offers = framework.takeOffers(agentId(plan), o -> NodeTasks.fitsFirstPlacement(o, plan), LAUNCH_TIMEOUT);
        framework.accept(offers, NodeTasks.firstPlacement(plan, agentId(plan), taskId, launch));
        for (int attempt = 1; ; attempt++) {
            TaskStatus status = framework.awaitStatusOrEnd(taskId, TaskState.TASK_RUNNING, LAUNCH_TIMEOUT);
            if (status.getState() == TaskState.TASK_RUNNING) {
                return recordProcesses(plan, status);
            }
            if (attempt == LAUNCH_ATTEMPTS || !isGossipStartRace(status)) {
                throw new AssertionError(taskId + " ended " + status.getState() + " (" + status.getReason()
                        + ") while waiting for TASK_RUNNING: " + status.getMessage());
            }
            // As a scheduler retries a failed step: relaunch on the node's own reservation and volume.
            launchRetries.add(status);
            executorPid(plan).ifPresent(pid -> census.record(pid, plan.executorId() + " (failed attempt)"));
            taskId = nextTaskId(plan);
            List<Offer> reserved = offersHoldingReservation(plan);
            framework.accept(reserved, List.of(NodeTasks.relaunch(plan, reserved, taskId, launch)));
        }
    }

    /**
     * With fast_start (1 s ring delay, no gossip settling) a joining node on a loaded machine can give up before its
     * first gossip round with the seed completes. Only this known race is retried; any other failure fails the test.
     */
    static boolean isGossipStartRace(TaskStatus status) {
        return status.getState() == TaskState.TASK_FAILED && (status.getMessage().contains("Unable to contact any seeds")
                || status.getMessage().contains("Unable to gossip with any peers"));
    }

    /** First-placement failures that were retried (see {@link #isGossipStartRace}). */
    public List<TaskStatus> launchRetries() {
        return List.copyOf(launchRetries);
    }

    /** Waits for offers that together hold the node's reservation and volume, and takes them. */
    public List<Offer> offersHoldingReservation(NodePlan plan) {
        return framework.takeOffers(agentId(plan), o -> NodeTasks.holdsReservation(o, plan), LAUNCH_TIMEOUT);
    }

    /** LAUNCH only, on {@code offers} (from {@link #offersHoldingReservation}); returns the TASK_RUNNING status. */
    public TaskStatus relaunch(NodePlan plan, List<Offer> offers) {
        String taskId = nextTaskId(plan);
        framework.accept(offers, List.of(NodeTasks.relaunch(plan, offers, taskId, launch)));
        return awaitRunning(plan, taskId);
    }

    /** Scheduler KILL with the kill grace; returns the TASK_KILLED status. */
    public TaskStatus kill(NodePlan plan) {
        String taskId = currentTask(plan);
        framework.kill(TaskID.newBuilder().setValue(taskId).build(), agentId(plan));
        return framework.awaitStatus(taskId, TaskState.TASK_KILLED, STOP_TIMEOUT);
    }

    private TaskStatus awaitRunning(NodePlan plan, String taskId) {
        return recordProcesses(plan, framework.awaitStatus(taskId, TaskState.TASK_RUNNING, LAUNCH_TIMEOUT));
    }

    private TaskStatus recordProcesses(NodePlan plan, TaskStatus running) {
        executorPid(plan).ifPresent(pid -> census.record(pid, plan.executorId()));
        long cassandraPid = reportedPid(running);
        census.record(cassandraPid, "cassandra " + plan.name());
        return running;
    }

    public Optional<Long> executorPid(NodePlan plan) {
        return mesos.isAgentRunning(plan.agent()) ? mesos.executorPid(plan.agent(), plan.executorId()) : Optional.empty();
    }

    /** The Cassandra pid the executor reported in {@code TaskStatus.data}. */
    public static long reportedPid(TaskStatus status) {
        return report(status).path("pid").asLong();
    }

    public static JsonNode report(TaskStatus status) {
        try {
            return TaskData.mapper().readTree(status.getData().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextTaskId(NodePlan plan) {
        String id = plan.name() + "__" + launches.incrementAndGet();
        currentTask.put(plan.name(), id);
        return id;
    }

    /** A port in [from, to) free on every one of {@code ips} now. */
    static int freePort(List<String> ips, int from, int to) {
        for (int port = from; port < to; port++) {
            int candidate = port;
            if (ips.stream().allMatch(ip -> bindable(ip, candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port in [" + from + ", " + to + ") is free on " + ips);
    }

    private static boolean bindable(String ip, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            framework.close();
        } finally {
            mesos.close();
        }
    }
}

package org.cassandramesos.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.agent.Agent;
import org.cassandramesos.local.agent.AgentConfig;
import org.cassandramesos.local.agent.SecretResolver;
import org.cassandramesos.local.cluster.AgentRegistration;
import org.cassandramesos.local.cluster.MasterLink;
import org.cassandramesos.local.cluster.Partitions;
import org.cassandramesos.local.cluster.Registry;
import org.cassandramesos.local.iam.IamTokenAuthenticator;
import org.cassandramesos.local.iam.LocalIam;
import org.cassandramesos.local.master.FrameworkAuthenticator;
import org.cassandramesos.local.master.FrameworkCredentials;
import org.cassandramesos.local.master.Master;
import org.cassandramesos.local.master.MasterConfig;
import org.cassandramesos.process.ProcessTree;

/**
 * A Mesos cluster on one machine: a master and N agents in this JVM, each serving the real v1 HTTP
 * API (master on 127.0.0.1, agent {@code i} on 127.0.0.(2+i)), running executors as real processes.
 * Schedulers and executors written for a real cluster run against it unchanged.
 *
 * <p>Fault hooks for tests: {@link #stopAgent}/{@link #startAgent}, {@link #partitionAgent}/{@link #healAgent},
 * {@link #removeAgent}, {@link #rescindOffers}, {@link #restartMaster}, {@link #killExecutor}. {@link #close()} stops everything and kills every process it started.
 */
public final class LocalMesos implements AutoCloseable {
    private final LocalMesosConfig config;
    private final Registry registry = new Registry();
    private final Partitions partitions = new Partitions();
    private final java.util.Set<Integer> removed = new java.util.HashSet<>();
    private final List<Agent> agents = new ArrayList<>();
    private final List<AgentConfig> agentConfigs = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "local-mesos-shutdown");
    private volatile Master master;
    private LocalIam iam;
    private int masterPort;
    private boolean closed;

    private LocalMesos(LocalMesosConfig config) {
        this.config = config;
    }

    public static LocalMesos start(LocalMesosConfig config) throws IOException {
        LocalMesos mesos = new LocalMesos(config);
        try {
            mesos.boot();
        } catch (IOException | RuntimeException e) {
            mesos.close();
            throw e;
        }
        return mesos;
    }

    private void boot() throws IOException {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        masterPort = config.masterPort();
        if (config.dcosIam().isPresent()) {
            iam = LocalIam.start(config.dcosIam().get(), config.masterIp(), java.time.Clock.systemUTC());
        }
        startMaster();
        java.util.Optional<AgentCa> agentCa = config.agentTls()
                ? java.util.Optional.of(AgentCa.create(config.workDir()))
                : java.util.Optional.empty();
        for (int i = 0; i < config.agents().size(); i++) {
            AgentSpec spec = config.agents().get(i);
            String ip = LocalMesosConfig.agentIp(i);
            agentConfigs.add(new AgentConfig(
                    ip,
                    0,
                    config.workDir().resolve("agent-" + i),
                    spec.resources(),
                    spec.mesosAttributes(),
                    config.heartbeatInterval(),
                    config.executorRegistrationTimeout(),
                    config.statusUpdateRetryInterval(),
                    config.executorShutdownGracePeriod(),
                    config.agentPingTimeout().multipliedBy(config.maxAgentPingTimeouts()),
                    config.secretStore().map(SecretResolver::enterprise).orElseGet(SecretResolver::stock),
                    agentCa.map(ca -> ca.agentHttps(ip))));
            agents.add(null);
            startAgent(i);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI masterUri() {
        return URI.create("http://" + config.masterIp() + ":" + masterPort);
    }

    /** {@code http://127.0.0.1:<port>/api/v1/scheduler} */
    public URI schedulerEndpoint() {
        return masterUri().resolve("/api/v1/scheduler");
    }

    /** The DC/OS profile's IAM (login endpoint, CA, counts); empty without {@code dcosIam}. */
    public java.util.Optional<LocalIam> iam() {
        return java.util.Optional.ofNullable(iam);
    }

    /** Scheduler API requests the running master answered 401 (framework authentication on). */
    public long unauthenticatedSchedulerRequests() {
        return currentMaster().unauthenticatedRequests();
    }

    public int agentCount() {
        return agentConfigs.size();
    }

    public String agentIp(int i) {
        return agentConfigs.get(i).ip();
    }

    public synchronized AgentID agentId(int i) {
        return requireAgent(i).id();
    }

    /** {@code http://<agent ip>:<port>/api/v1/executor} of a running agent. */
    /** {@code http(s)://<agent ip>:<port>/api/v1/executor}: https when the cluster runs with {@code agentTls}. */
    public synchronized URI executorEndpoint(int i) {
        return URI.create((config.agentTls() ? "https" : "http") + "://" + agentIp(i) + ":"
                + requireAgent(i).port() + "/api/v1/executor");
    }

    /** The agents' CA certificate file (what executors get as {@code LIBPROCESS_SSL_CA_FILE}); empty without {@code agentTls}. */
    public java.util.Optional<Path> agentCaFile() {
        return config.agentTls() ? java.util.Optional.of(AgentCa.caFile(config.workDir())) : java.util.Optional.empty();
    }

    public Path agentWorkDir(int i) {
        return agentConfigs.get(i).workDir();
    }

    public synchronized boolean isAgentRunning(int i) {
        return agents.get(i) != null;
    }

    /** The master's {@code /master/state} view, without HTTP. */
    public ObjectNode masterState() {
        try {
            return currentMaster().stateView().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("master state unavailable", e);
        }
    }

    // ---- fault hooks ------------------------------------------------------------------------------

    /**
     * Stops agent {@code i} like a power loss: its executors are killed and the master is told nothing; after the
     * agent ping timeouts ({@link LocalMesosConfig.Builder#agentPingTimeouts}) it marks the agent unreachable.
     */
    public synchronized void stopAgent(int i) {
        Agent agent = agents.set(i, null);
        if (agent != null) agent.stop();
    }

    /** Starts agent {@code i} again from its work dir: same id, reservations and volumes; lost tasks are reported FAILED. */
    public synchronized void startAgent(int i) throws IOException {
        if (agents.get(i) != null) return;
        if (removed.contains(i)) throw new IllegalStateException("agent " + i + " was removed for good");
        AgentConfig cfg = agentConfigs.get(i);
        Agent agent = new Agent(i, cfg, () -> masterLink).start();
        agentConfigs.set(i, cfg.withPort(agent.port()));
        agents.set(i, agent);
    }

    /**
     * Cuts the network between agent {@code i} and the master, both ways: pings, status updates, kills and
     * acknowledgements are lost; the agent's executors keep running. After the ping timeouts the master marks it
     * unreachable (TASK_UNREACHABLE to PARTITION_AWARE frameworks).
     */
    public synchronized void partitionAgent(int i) {
        partitions.cut(requireAgent(i).id().getValue());
    }

    /**
     * Mends the link: the master's pings get through again; an agent the master marked unreachable re-registers
     * (within its master ping timeout) and the master reports its tasks with REASON_AGENT_REREGISTERED; its pending
     * status updates are resent.
     */
    public synchronized void healAgent(int i) {
        partitions.heal(requireAgent(i).id().getValue());
    }

    public synchronized boolean isPartitioned(int i) {
        Agent a = agents.get(i);
        return a != null && partitions.isCut(a.id().getValue());
    }

    /**
     * Removes agent {@code i} for good, as an operator does with MARK_AGENT_GONE or {@code /machine/down}: its tasks
     * are TASK_GONE_BY_OPERATOR, its offers rescinded, the agent shut down (its executors killed); it never returns.
     */
    public synchronized void removeAgent(int i) {
        Agent agent = requireAgent(i);
        try {
            currentMaster().markAgentGone(agent.id()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove agent " + i, e);
        }
        removed.add(i);
        stopAgent(i);
    }

    /** Rescinds every outstanding offer; returns how many there were. */
    public int rescindOffers() {
        try {
            return currentMaster().rescindOffers().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot rescind offers", e);
        }
    }

    /** Scheduler calls of {@code type} the current master has received since it started (e.g. KILL, to find loops). */
    public long schedulerCallsReceived(org.apache.mesos.v1.scheduler.Protos.Call.Type type) {
        return currentMaster().callsReceived(type);
    }

    public void restartAgent(int i) throws IOException {
        stopAgent(i);
        startAgent(i);
    }

    /** Fails the master over: streams close, schedulers must re-subscribe; agents re-register with their tasks. */
    public synchronized void restartMaster() throws IOException {
        stopMaster();
        startMaster();
    }

    /** Stops the master; agents keep running (their messages are lost, updates retried) until {@link #startMaster}. */
    public synchronized void stopMaster() {
        Master m = master;
        master = null;
        if (m != null) m.close();
    }

    public synchronized void startMaster() throws IOException {
        if (master != null) return;
        Master m = new Master(
                        new MasterConfig(
                                config.masterIp(),
                                masterPort,
                                config.heartbeatInterval(),
                                config.allocationInterval(),
                                config.offerTimeout(),
                                frameworkAuthenticator(),
                                config.agentPingTimeout(),
                                config.maxAgentPingTimeouts(),
                                config.clock()),
                        registry)
                .start();
        masterPort = m.port();
        master = m;
        // agents re-register with the new master, reporting their tasks, reservations and volumes
        for (Agent a : agents) {
            if (a != null) a.register();
        }
    }

    private FrameworkAuthenticator frameworkAuthenticator() {
        return iam != null ? new IamTokenAuthenticator(iam) : new FrameworkCredentials(config.frameworkCredentials());
    }

    /** SIGKILLs the process tree of executor {@code executorId} on agent {@code i}; false if it is not running there. */
    public synchronized boolean killExecutor(int i, String executorId) {
        try {
            Long pid = requireAgent(i).executorPids().get(10, TimeUnit.SECONDS).get(executorId);
            if (pid == null) return false;
            ProcessHandle.of(pid).ifPresent(ProcessTree::kill);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot kill executor " + executorId, e);
        }
    }

    /** Pid of a running executor, if any. */
    public synchronized java.util.Optional<Long> executorPid(int i, String executorId) {
        try {
            return java.util.Optional.ofNullable(
                    requireAgent(i).executorPids().get(10, TimeUnit.SECONDS).get(executorId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Agent requireAgent(int i) {
        Agent a = agents.get(i);
        if (a == null) throw new IllegalStateException("agent " + i + " is stopped");
        return a;
    }

    private Master currentMaster() {
        Master m = master;
        if (m == null) throw new IllegalStateException("master is stopped");
        return m;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (int i = 0; i < agents.size(); i++) stopAgent(i);
        stopMaster();
        if (iam != null) iam.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    /** Agents talk to whichever master is up; while none is, their messages are lost (and updates retried). */
    private final MasterLink masterLink = new MasterLink() {
        @Override
        public void registerAgent(AgentRegistration registration) {
            String id = registration.info().getId().getValue();
            Master m = master;
            if (m == null || partitions.isCut(id)) return;
            m.registerAgent(new AgentRegistration(
                    registration.info(),
                    registration.total(),
                    registration.tasks(),
                    registration.executors(),
                    partitions.gate(id, registration.link())));
        }

        @Override
        public void pong(AgentID agentId) {
            Master m = master;
            if (m != null && !partitions.isCut(agentId.getValue())) m.pong(agentId);
        }

        @Override
        public void statusUpdate(
                AgentID agentId, FrameworkInfo framework, TaskInfo task, TaskStatus status, TaskState latestState) {
            Master m = master;
            if (m != null && !partitions.isCut(agentId.getValue()))
                m.statusUpdate(agentId, framework, task, status, latestState);
        }

        @Override
        public void executorExited(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, int status) {
            Master m = master;
            if (m != null && !partitions.isCut(agentId.getValue()))
                m.executorExited(agentId, frameworkId, executorId, status);
        }

        @Override
        public void executorMessage(AgentID agentId, FrameworkID frameworkId, ExecutorID executorId, ByteString data) {
            Master m = master;
            if (m != null && !partitions.isCut(agentId.getValue()))
                m.executorMessage(agentId, frameworkId, executorId, data);
        }
    };
}

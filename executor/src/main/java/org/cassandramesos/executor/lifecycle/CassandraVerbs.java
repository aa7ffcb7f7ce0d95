package org.cassandramesos.executor.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;

/**
 * The operator's verbs on the Cassandra process (seed 003) and its status. Every stop here is a requested one, so the
 * task stays alive: the {@link Listener} (the executor) says the node is no longer ready, and ready again once a
 * started node serves. One verb runs at a time.
 */
public final class CassandraVerbs {

    /** Told about operator stops and starts (on the calling thread, after the fact). */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void stopped(String verb, String how) {}

            @Override
            public void started(String verb, long pid) {}
        };

        /** @param verb stop, shutdown, reset or restart; @param how how the process ended */
        void stopped(String verb, String how);

        void started(String verb, long pid);
    }

    /** Start was asked while Cassandra runs. */
    public static final class AlreadyRunningException extends IllegalStateException {
        AlreadyRunningException(long pid) {
            super("Cassandra is already running (pid " + pid + ")");
        }
    }

    private final CassandraNode node;
    private final Duration shutdownGrace;
    private final ProcessCounters counters;
    private volatile Listener listener = Listener.NONE;

    /** @param shutdownGrace how long drain + graceful stop may take before SIGKILL */
    public CassandraVerbs(CassandraNode node, Duration shutdownGrace, ProcessCounters counters) {
        this.node = node;
        this.shutdownGrace = shutdownGrace;
        this.counters = counters;
    }

    public CassandraVerbs listener(Listener listener) {
        this.listener = listener;
        return this;
    }

    public CassandraNode node() {
        return node;
    }

    /** Starts a stopped or dead node; returns its pid. */
    public synchronized long start() throws IOException {
        node.process().pid().ifPresent(pid -> {
            throw new AlreadyRunningException(pid);
        });
        return started("start");
    }

    /** Kills Cassandra now, like a power loss (data kept); nothing to do when it is not running. */
    public synchronized void stop() throws InterruptedException {
        if (node.isRunning()) {
            stopped("stop", node.kill());
        }
    }

    /** Drains, then stops gracefully within the grace period; nothing to do when it is not running. */
    public synchronized void shutdown() throws InterruptedException {
        if (node.isRunning()) {
            stopped("shutdown", node.stop(shutdownGrace));
        }
    }

    /** Decommission was asked while Cassandra does not run: a stopped node cannot stream its data away. */
    public static final class NotRunningException extends IllegalStateException {
        NotRunningException() {
            this("Cassandra is not running: start it before decommissioning (its data must stream to the others)");
        }

        NotRunningException(String message) {
            super(message);
        }
    }

    /**
     * Leaves the ring (nodetool decommission: this node's ranges stream to the others; Cassandra refuses when fewer
     * nodes than a keyspace's replication factor would remain), then stops the process. Bounded by {@code timeout}.
     */
    public synchronized void decommission(Duration timeout) throws InterruptedException {
        if (!node.isRunning()) {
            throw new NotRunningException();
        }
        node.withJmx(jmx -> {
            jmx.decommission(false, timeout);
            return null;
        });
        stopped("decommission", node.stop(shutdownGrace));
    }

    /** removenode was asked of an address that is no member of the ring as this node sees it. */
    public static final class NotInRingException extends IllegalStateException {
        NotInRingException(String address) {
            super("no member of the ring has the address " + address + " (already removed, or never joined)");
        }
    }

    /**
     * Removes the dead member at {@code address} from the ring through this node (nodetool removenode with the host id
     * this node's gossip knows for that address): the other replicas stream its ranges to their new owners. Bounded by
     * {@code timeout}. Cassandra refuses while that member is alive.
     *
     * @throws IllegalArgumentException when {@code address} is this node's own (decommission is its way out)
     * @throws NotInRingException when no member has that address
     */
    public synchronized void removeNode(String address, Duration timeout) {
        if (!node.isRunning()) {
            throw new NotRunningException("Cassandra is not running on this node: removenode needs a live member");
        }
        if (address.equals(node.ip())) {
            throw new IllegalArgumentException(address + " is this node's own address: decommission it instead");
        }
        node.withJmx(jmx -> {
            String hostId = jmx.hostIdsByAddress().get(address);
            if (hostId == null) {
                throw new NotInRingException(address);
            }
            jmx.removeNode(hostId, timeout);
            return null;
        });
    }

    /** Kills Cassandra if it runs and starts it again; returns the new pid. */
    public synchronized long reset() throws IOException, InterruptedException {
        if (node.isRunning()) {
            stopped("reset", node.kill());
        }
        return started("reset");
    }

    /** Shuts down gracefully if it runs and starts again (the seed 000 {@code restart=True}); returns the new pid. */
    public synchronized long restart() throws IOException, InterruptedException {
        if (node.isRunning()) {
            stopped("restart", node.stop(shutdownGrace));
        }
        return started("restart");
    }

    /** Starts the node unless it runs (the seed 000 {@code POST /}). */
    public synchronized void ensureRunning() throws IOException {
        if (!node.isRunning()) {
            started("start");
        }
    }

    public NodeProcessInfo info() {
        Optional<Long> pid = node.process().pid().stream().boxed().findFirst();
        Optional<Instant> startedAt = node.process().startInstant();
        boolean serving = pid.isPresent() && serving();
        NodeProcessInfo.Status status = ProcessStatusRule.of(
                pid.isPresent() && node.isRunning(),
                serving,
                node.process().lastExit().map(ProcessExit::requested));
        String user = ProcessOwner.of(pid);
        if (pid.isEmpty() || status == NodeProcessInfo.Status.STOPPED || status == NodeProcessInfo.Status.DEAD) {
            return new NodeProcessInfo(status, null, null, Map.of(), user);
        }
        return new NodeProcessInfo(
                status,
                startedAt.map(Instant::getEpochSecond).orElse(null),
                pid.get(),
                counters.read(pid.get(), node.ip()),
                user);
    }

    private boolean serving() {
        try {
            return node.status().normal();
        } catch (JmxException notAnswering) {
            return false;
        }
    }

    private long started(String verb) throws IOException {
        long pid = node.start();
        listener.started(verb, pid);
        return pid;
    }

    private void stopped(String verb, Optional<ProcessExit> exit) {
        listener.stopped(verb, exit.map(ProcessExit::reason).orElse("Cassandra was not running"));
    }
}

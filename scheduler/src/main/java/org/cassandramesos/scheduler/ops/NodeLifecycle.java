package org.cassandramesos.scheduler.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.NodeControl.Intent;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003 verbs on one node. start, stop, shutdown and reset go to the node's executor ({@code POST
 * /v1/cassandra/<verb>}); the operator's intent is recorded ({@link NodeControl}) before stop and shutdown
 * are forwarded, so neither recovery nor the deploy plan relaunches a node stopped on purpose. destroy
 * decommissions the node (in the background: it streams its data away), then kills its task and forgets its
 * placement, so the next offers release its reservation and volume; a destroyed node stays destroyed until
 * {@code start}, which re-creates it fresh (new reservation and volume, bootstrapping as a new node). Destroying a
 * node an operator stopped starts its Cassandra first: only a running node can stream its data away, and killing
 * it without leaving the ring would leave a dead member holding ranges. A node whose task is gone (its agent lost or
 * removed) cannot decommission: {@code remove} has a live node remove it from the ring (nodetool removenode, the other
 * replicas stream its ranges to their new owners), then forgets it as destroy does.
 */
public final class NodeLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);
    /** How long a stopped node being destroyed may take to serve again before it decommissions (a restart with data). */
    private static final Duration SERVE_TIMEOUT = Duration.ofMinutes(15);

    private final ClusterNodes nodes;
    private final TaskStore tasks;
    private final DeployPlanManager deploy;
    private final NodeApiClient client;
    private final NodeOperations mesos;
    private final OperationManager operations;
    private final Duration decommissionTimeout;
    private final Duration pollInterval;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "node-destroy");
        thread.setDaemon(true);
        return thread;
    });

    /** Reads every node's process info at once, so {@code GET /v1/nodes/info} waits about one executor timeout. */
    private final ExecutorService infoReads = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "node-info");
        thread.setDaemon(true);
        return thread;
    });

    public NodeLifecycle(
            ClusterNodes nodes,
            TaskStore tasks,
            DeployPlanManager deploy,
            NodeApiClient client,
            NodeOperations mesos,
            OperationManager operations,
            Duration decommissionTimeout,
            Duration pollInterval) {
        this.nodes = nodes;
        this.tasks = tasks;
        this.deploy = deploy;
        this.client = client;
        this.mesos = mesos;
        this.operations = operations;
        this.decommissionTimeout = decommissionTimeout;
        this.pollInterval = pollInterval;
    }

    /** Brings a stopped node back (or re-creates a destroyed one). */
    public synchronized void start(String node) {
        NodeControl control = known(node);
        switch (control.intent()) {
            case DESTROYING -> throw new OperationConflict(node + " is being destroyed");
            case DESTROYED -> {
                tasks.storeControl(node, control.with(Intent.RUNNING, "re-created by an operator"));
                deploy.updateStepOf(
                        node, s -> StepTransitions.releasedByOperator(s, false, "re-created by an operator"));
                LOG.info("{}: re-created by an operator (fresh reservation and volume)", node);
                return;
            }
            default -> {}
        }
        if (!taskAlive(node)) {
            if (control.intent() != Intent.STOPPED) {
                throw new OperationConflict(node + " is not running; recovery relaunches it already");
            }
            tasks.storeControl(node, control.with(Intent.RUNNING, "started by an operator"));
            deploy.updateStepOf(node, s -> StepTransitions.releasedByOperator(s, false, "started by an operator"));
            return;
        }
        forward(node, "start");
        tasks.storeControl(node, control.with(Intent.RUNNING, "started by an operator"));
        deploy.updateStepOf(node, s -> StepTransitions.releasedByOperator(s, true, "started by an operator"));
    }

    /** {@code stop}: kill Cassandra now (power loss; data kept). {@code shutdown}: drain and stop gracefully. */
    public synchronized void stop(String node, boolean graceful) {
        NodeControl control = known(node);
        requireNotDestroyed(node, control);
        if (!taskAlive(node)) {
            throw new OperationConflict(node + " has no running task to " + (graceful ? "shut down" : "stop"));
        }
        String why = (graceful ? "shut down" : "stopped") + " by an operator; POST /v1/nodes/" + node
                + "/start brings it back";
        Optional<Step> before = deployStep(node);
        // the intent first: the task's updates while it stops must not look like a failure to recover from
        tasks.storeControl(node, control.with(Intent.STOPPED, why));
        deploy.updateStepOf(node, s -> StepTransitions.heldByOperator(s, why));
        try {
            forward(node, graceful ? "shutdown" : "stop");
        } catch (RuntimeException e) {
            tasks.storeControl(node, control);
            before.ifPresent(step -> deploy.updateStepOf(node, s -> step));
            throw e;
        }
        LOG.info("{}: {}", node, why);
    }

    /** Hard restart of the Cassandra process. */
    public synchronized void reset(String node) {
        NodeControl control = known(node);
        requireNotDestroyed(node, control);
        if (control.intent() == Intent.STOPPED) {
            throw new OperationConflict(node + " is stopped by an operator; start it instead");
        }
        if (!taskAlive(node)) {
            throw new OperationConflict(node + " has no running task to reset");
        }
        forward(node, "reset");
    }

    /**
     * Decommission, then kill the task and release the reservation and volume; answers once it has begun. A node
     * an operator stopped is started first (its task still runs: its executor starts Cassandra again) and
     * decommissioned once it serves; one whose task is gone is refused (start brings it back, then destroy).
     */
    public synchronized void destroy(String node) {
        NodeControl control = known(node);
        requireNotDestroyed(node, control);
        operations.running().filter(op -> op.nodes().contains(node)).ifPresent(op -> {
            throw new OperationConflict(op.planName() + " " + op.id() + " is running on " + node + "; stop it first");
        });
        if (!taskAlive(node)) {
            throw new OperationConflict(node + " has no running task, so it cannot decommission (leave the ring); "
                    + (control.intent() == Intent.STOPPED
                            ? "start it first"
                            : "recovery relaunches it; destroy it then, or POST /v1/nodes/" + node
                                    + "/remove if its agent is gone"));
        }
        NodeAddress address =
                nodes.address(node).orElseThrow(() -> new OperationConflict(node + " has no node API address"));
        boolean stopped = control.intent() == Intent.STOPPED;
        String step = stopped ? "starting its Cassandra to decommission it" : "decommissioning";
        Optional<Step> before = deployStep(node);
        tasks.storeControl(node, control.with(Intent.DESTROYING, step));
        deploy.updateStepOf(node, s -> StepTransitions.heldByOperator(s, "being destroyed: " + step));
        LOG.info("{}: destroy requested: {}", node, step);
        background.execute(() -> finishDestroy(node, address, before, control));
    }

    private void finishDestroy(String node, NodeAddress address, Optional<Step> before, NodeControl asked) {
        boolean wasStopped = asked.intent() == Intent.STOPPED;
        String failure = wasStopped ? startToDecommission(node, address) : null;
        if (failure == null) {
            try {
                NodeApiClient.Answer answer = client.lifecycle(address, "decommission", decommissionTimeout);
                failure = answer.ok() ? null : "decommission answered " + answer.status() + ": " + answer.message();
            } catch (NodeApiClient.Unreachable e) {
                failure = e.getMessage();
            }
        }
        synchronized (this) {
            NodeControl control = tasks.control(node);
            if (failure != null) {
                String why;
                if (wasStopped) {
                    // as the operator left it: stopped (it may have been started for the decommission)
                    why = "destroy failed: " + failure + "; " + stopAgain(node, address);
                    tasks.storeControl(node, control.with(Intent.STOPPED, why));
                } else {
                    why = "destroy failed: " + failure + "; the node keeps running";
                    tasks.storeControl(node, control.with(Intent.RUNNING, why));
                }
                before.ifPresent(step -> deploy.updateStepOf(node, s -> step));
                LOG.warn("{}: {}", node, why);
                return;
            }
            mesos.destroy(node);
            tasks.storeControl(node, control.with(Intent.DESTROYED, "decommissioned and destroyed by an operator"));
            deploy.updateStepOf(
                    node,
                    s -> StepTransitions.destroyed(
                            s, "destroyed by an operator; POST /v1/nodes/" + node + "/start re-creates it"));
            LOG.info("{}: decommissioned; task killed, reservation and volume released", node);
        }
    }

    /**
     * Removes a node whose task is gone (its agent lost or removed; no executor to decommission it): a live node's
     * executor runs removenode for the gone node's address, in the background; then its reservation and record are
     * forgotten as destroy does and it is DESTROYED ({@code start} re-creates it fresh). A node whose task runs is
     * refused (destroy decommissions it); on failure the node is as it was, with the reason in its intent message.
     */
    public synchronized void remove(String node) {
        NodeControl control = known(node);
        requireNotDestroyed(node, control);
        if (agentReachableTask(node)) {
            throw new OperationConflict(node + " has a running task: destroy decommissions it (remove is for a node"
                    + " whose agent is gone)");
        }
        operations.running().ifPresent(op -> {
            throw new OperationConflict(op.planName() + " " + op.id() + " is running; stop it first (removenode streams"
                    + " data between the other nodes)");
        });
        String address = tasks.record(node)
                .map(r -> r.agent() == null ? null : r.agent().ip())
                .orElseThrow(
                        () -> new OperationConflict(node + " has no recorded address: nothing of it is in the ring"));
        List<NodeAddress> live = nodes.configured().stream()
                .filter(other ->
                        !other.equals(node) && tasks.control(other).intent() == Intent.RUNNING && taskAlive(other))
                .map(nodes::address)
                .flatMap(Optional::stream)
                .toList();
        if (live.isEmpty()) {
            throw new OperationConflict("no other node runs: removenode needs a live member of the ring");
        }
        Optional<Step> before = deployStep(node);
        String step =
                "removing " + address + " from the ring through " + live.get(0).node();
        tasks.storeControl(node, control.with(Intent.DESTROYING, step));
        deploy.updateStepOf(node, s -> StepTransitions.heldByOperator(s, "being removed: " + step));
        LOG.info("{}: remove requested: {}", node, step);
        background.execute(() -> finishRemove(node, address, live, before, control));
    }

    private void finishRemove(
            String node, String address, List<NodeAddress> live, Optional<Step> before, NodeControl asked) {
        String failure = null;
        for (NodeAddress via : live) {
            try {
                NodeApiClient.Answer answer = client.removeNode(via, address, decommissionTimeout);
                // 404: no member has that address any more (removed already, or it never joined): nothing to stream
                failure = answer.ok() || answer.status() == 404
                        ? null
                        : "removenode through " + via.node() + " answered " + answer.status() + ": " + answer.message();
                break;
            } catch (NodeApiClient.Unreachable e) {
                failure = "removenode: " + e.getMessage(); // try the next live node
            }
        }
        synchronized (this) {
            NodeControl control = tasks.control(node);
            if (failure != null) {
                String why = "remove failed: " + failure;
                tasks.storeControl(node, control.with(asked.intent(), why));
                before.ifPresent(step -> deploy.updateStepOf(node, s -> step));
                LOG.warn("{}: {}", node, why);
                return;
            }
            mesos.destroy(node);
            tasks.storeControl(
                    node,
                    control.with(
                            Intent.DESTROYED,
                            "removed from the ring (" + address
                                    + ") through a live node and destroyed by an operator"));
            deploy.updateStepOf(
                    node,
                    s -> StepTransitions.destroyed(
                            s, "removed by an operator; POST /v1/nodes/" + node + "/start re-creates it"));
            LOG.info("{}: removed from the ring; reservation and volume released", node);
        }
    }

    /**
     * Starts a stopped node's Cassandra through its executor and waits until it serves (the executor's info says
     * active); the failure, or null once it serves.
     */
    private String startToDecommission(String node, NodeAddress address) {
        try {
            NodeApiClient.Answer started = client.lifecycle(address, "start", Duration.ofSeconds(120));
            // 409: it runs already (e.g. started by hand on the agent); decommission needs no more
            if (!started.ok() && started.status() != 409) {
                return "start answered " + started.status() + ": " + started.message();
            }
            destroying(node, "started to decommission it; waiting until it serves");
            long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
            String last = "not serving yet";
            while (System.nanoTime() < deadline) {
                try {
                    NodeProcessInfo info = client.info(address);
                    if (info.status() == NodeProcessInfo.Status.ACTIVE) {
                        destroying(node, "decommissioning");
                        return null;
                    }
                    last = "its status is " + info.status().wireName();
                } catch (NodeApiClient.Unreachable | IllegalStateException e) {
                    last = e.getMessage();
                }
                Thread.sleep(pollInterval.toMillis());
            }
            return "Cassandra did not serve within " + SERVE_TIMEOUT.toMinutes() + " min of its start (" + last + ")";
        } catch (NodeApiClient.Unreachable e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting it";
        }
    }

    /** Progress of a destroy under way, in the node's intent message. */
    private synchronized void destroying(String node, String message) {
        tasks.storeControl(node, tasks.control(node).with(Intent.DESTROYING, message));
    }

    /** After a failed destroy of a stopped node: shut its Cassandra down again; says what became of it. */
    private String stopAgain(String node, NodeAddress address) {
        try {
            NodeApiClient.Answer answer = client.lifecycle(address, "shutdown", Duration.ofSeconds(120));
            if (answer.ok()) {
                return "the node is stopped again";
            }
            return "shutting it down again answered " + answer.status() + ": " + answer.message() + "; POST /v1/nodes/"
                    + node + "/shutdown stops it";
        } catch (NodeApiClient.Unreachable e) {
            return "shutting it down again failed (" + e.getMessage() + "); POST /v1/nodes/" + node
                    + "/shutdown stops it";
        }
    }

    /** Seed 003 {@code set}: tags and user:* key/values; returns the settings now in force. */
    public synchronized Map<String, String> set(String node, Map<String, String> asked) {
        NodeControl control = known(node);
        NodeControl next = control.withSettings(NodeSettings.validate(asked));
        NodeSettings.requireWithinTotal(next.settings());
        tasks.storeControl(node, next);
        return next.settings();
    }

    public NodeControl control(String node) {
        return tasks.control(node);
    }

    /** The executor's view of its Cassandra process, when it answers. */
    public Optional<NodeProcessInfo> processInfo(String node) {
        if (!taskAlive(node)) {
            return Optional.empty();
        }
        return nodes.address(node).flatMap(address -> {
            try {
                return Optional.of(client.info(address));
            } catch (NodeApiClient.Unreachable | IllegalStateException e) {
                return Optional.empty();
            }
        });
    }

    /** {@link #processInfo} of each node, asked of their executors in parallel; in the order given. */
    public Map<String, Optional<NodeProcessInfo>> processInfos(List<String> names) {
        Map<String, CompletableFuture<Optional<NodeProcessInfo>>> asked = new LinkedHashMap<>();
        names.forEach(node -> asked.put(node, CompletableFuture.supplyAsync(() -> processInfo(node), infoReads)));
        Map<String, Optional<NodeProcessInfo>> answers = new LinkedHashMap<>();
        asked.forEach((node, answer) -> answers.put(node, answer.join()));
        return answers;
    }

    private void forward(String node, String verb) {
        NodeAddress address =
                nodes.address(node).orElseThrow(() -> new OperationConflict(node + " has no node API address"));
        NodeApiClient.Answer answer;
        try {
            answer = client.lifecycle(address, verb, Duration.ofSeconds(120));
        } catch (NodeApiClient.Unreachable e) {
            throw new ExecutorUnreachable(e.getMessage());
        }
        if (answer.status() == 409) {
            throw new OperationConflict(node + ": " + answer.message());
        }
        if (!answer.ok()) {
            throw new ExecutorUnreachable("the executor of " + node + " answered " + answer.status() + " to " + verb
                    + ": " + answer.message());
        }
        LOG.info("{}: {} forwarded to its executor", node, verb);
    }

    private NodeControl known(String node) {
        if (!nodes.isConfigured(node)) {
            throw new NoSuchElementException("no node " + node);
        }
        return tasks.control(node);
    }

    private static void requireNotDestroyed(String node, NodeControl control) {
        if (control.intent() == Intent.DESTROYED || control.intent() == Intent.DESTROYING) {
            throw new OperationConflict(node + " is " + control.intent().name().toLowerCase()
                    + (control.intent() == Intent.DESTROYED ? "; start re-creates it" : ""));
        }
    }

    private boolean taskAlive(String node) {
        return tasks.taskInfo(node).isPresent()
                && tasks.taskStatus(node)
                        .map(TaskStatus::getState)
                        .map(state -> !org.cassandramesos.scheduler.mesos.NodeRecovery.isTerminal(state))
                        .orElse(true);
    }

    /** Whether the node's task runs on an agent the master still reaches (an unreachable agent's task may come back). */
    private boolean agentReachableTask(String node) {
        return taskAlive(node)
                && tasks.taskStatus(node)
                        .map(TaskStatus::getState)
                        .map(state -> state != org.apache.mesos.v1.Protos.TaskState.TASK_UNREACHABLE)
                        .orElse(true);
    }

    private Optional<Step> deployStep(String node) {
        return deploy.deploy().steps().filter(s -> s.node().equals(node)).findFirst();
    }
}

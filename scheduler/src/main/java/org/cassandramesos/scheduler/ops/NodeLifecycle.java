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
 * {@code start}, which re-creates it fresh (new reservation and volume, bootstrapping as a new node).
 */
public final class NodeLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);

    private final ClusterNodes nodes;
    private final TaskStore tasks;
    private final DeployPlanManager deploy;
    private final NodeApiClient client;
    private final NodeOperations mesos;
    private final OperationManager operations;
    private final Duration decommissionTimeout;
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

    public NodeLifecycle(ClusterNodes nodes, TaskStore tasks, DeployPlanManager deploy, NodeApiClient client,
            NodeOperations mesos, OperationManager operations, Duration decommissionTimeout) {
        this.nodes = nodes;
        this.tasks = tasks;
        this.deploy = deploy;
        this.client = client;
        this.mesos = mesos;
        this.operations = operations;
        this.decommissionTimeout = decommissionTimeout;
    }

    /** Brings a stopped node back (or re-creates a destroyed one). */
    public synchronized void start(String node) {
        NodeControl control = known(node);
        switch (control.intent()) {
            case DESTROYING -> throw new OperationConflict(node + " is being destroyed");
            case DESTROYED -> {
                tasks.storeControl(node, control.with(Intent.RUNNING, "re-created by an operator"));
                deploy.updateStepOf(node, s -> StepTransitions.releasedByOperator(s, false, "re-created by an operator"));
                LOG.info("{}: re-created by an operator (fresh reservation and volume)", node);
                return;
            }
            default -> { }
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

    /** Decommission, then kill the task and release the reservation and volume; answers once it has begun. */
    public synchronized void destroy(String node) {
        NodeControl control = known(node);
        requireNotDestroyed(node, control);
        operations.running().filter(op -> op.nodes().contains(node)).ifPresent(op -> {
            throw new OperationConflict(op.planName() + " " + op.id() + " is running on " + node + "; stop it first");
        });
        if (control.intent() == Intent.STOPPED || !taskAlive(node)) {
            throw new OperationConflict(node + " must be running to decommission (leave the ring); start it first");
        }
        NodeAddress address = nodes.address(node)
                .orElseThrow(() -> new OperationConflict(node + " has no node API address"));
        Optional<Step> before = deployStep(node);
        tasks.storeControl(node, control.with(Intent.DESTROYING, "decommissioning"));
        deploy.updateStepOf(node, s -> StepTransitions.heldByOperator(s, "being destroyed: decommissioning"));
        LOG.info("{}: destroy requested: decommissioning", node);
        background.execute(() -> finishDestroy(node, address, before));
    }

    private void finishDestroy(String node, NodeAddress address, Optional<Step> before) {
        String failure;
        try {
            NodeApiClient.Answer answer = client.lifecycle(address, "decommission", decommissionTimeout);
            failure = answer.ok() ? null : "decommission answered " + answer.status() + ": " + answer.message();
        } catch (NodeApiClient.Unreachable e) {
            failure = e.getMessage();
        }
        synchronized (this) {
            NodeControl control = tasks.control(node);
            if (failure != null) {
                String why = "destroy failed: " + failure + "; the node keeps running";
                tasks.storeControl(node, control.with(Intent.RUNNING, why));
                before.ifPresent(step -> deploy.updateStepOf(node, s -> step));
                LOG.warn("{}: {}", node, why);
                return;
            }
            mesos.destroy(node);
            tasks.storeControl(node, control.with(Intent.DESTROYED, "decommissioned and destroyed by an operator"));
            deploy.updateStepOf(node, s -> StepTransitions.destroyed(s,
                    "destroyed by an operator; POST /v1/nodes/" + node + "/start re-creates it"));
            LOG.info("{}: decommissioned; task killed, reservation and volume released", node);
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
        NodeAddress address = nodes.address(node)
                .orElseThrow(() -> new OperationConflict(node + " has no node API address"));
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
        return tasks.taskInfo(node).isPresent() && tasks.taskStatus(node).map(TaskStatus::getState)
                .map(state -> !org.cassandramesos.scheduler.mesos.NodeRecovery.isTerminal(state)).orElse(true);
    }

    private Optional<Step> deployStep(String node) {
        return deploy.deploy().steps().filter(s -> s.node().equals(node)).findFirst();
    }
}

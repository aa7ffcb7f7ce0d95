package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Phase;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale-in: the deploy plan's {@value DeployPlanFactory#DECOMMISSION_PHASE} phase, one node at a time, highest first,
 * once every other phase is COMPLETE. Before the first node goes, a live node that stays reads every keyspace's
 * replication ({@code GET /v1/cassandra/keyspaces}); when the nodes that would remain cannot hold a keyspace at its
 * replication factor ({@link ReplicationCheck}) the reasons go into the plan's errors and nothing is decommissioned.
 * Otherwise each node is destroyed as {@code POST /v1/nodes/<node>/destroy} does ({@link NodeLifecycle#destroy}: its
 * executor decommissions it, then its task is killed and its reservation and volume are released from the next
 * offers), and its step is COMPLETE once it is DESTROYED. A failed decommission stops the scale-in with the step in
 * ERROR ({@code plan restart} tries it again).
 */
public final class ScaleIn {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleIn.class);
    private static final String REMOVED = "decommissioned for the scale-in to ";

    private final ClusterNodes nodes;
    private final TaskStore tasks;
    private final DeployPlanManager deploy;
    private final NodeApiClient client;
    private final NodeLifecycle lifecycle;
    private final String datacenter;
    private final int targetCount;
    /** The remaining nodes were shown to hold every keyspace (asked again after a scheduler restart). */
    private boolean replicationChecked;

    public ScaleIn(
            ClusterNodes nodes,
            TaskStore tasks,
            DeployPlanManager deploy,
            NodeApiClient client,
            NodeLifecycle lifecycle,
            String datacenter,
            int targetCount) {
        this.nodes = nodes;
        this.tasks = tasks;
        this.deploy = deploy;
        this.client = client;
        this.lifecycle = lifecycle;
        this.datacenter = datacenter;
        this.targetCount = targetCount;
    }

    /** One look at the decommission phase; does at most one thing. */
    public synchronized void tick() {
        Plan plan = deploy.deploy();
        Optional<Phase> phase = plan.phases().stream()
                .filter(p -> p.name().equals(DeployPlanFactory.DECOMMISSION_PHASE))
                .findFirst();
        if (phase.isEmpty()) {
            return;
        }
        for (Step done : phase.get().steps()) {
            if (done.isComplete()
                    && !done.message().startsWith(REMOVED)
                    && tasks.control(done.node()).intent() == NodeControl.Intent.DESTROYED) {
                removed(phase.get(), done); // NodeLifecycle's destroy completed it: say what it was for
                return;
            }
        }
        if (phase.get().isComplete() || plan.interrupted() || !plan.errors().isEmpty()) {
            return;
        }
        Step step = phase.get().steps().stream()
                .filter(s -> !s.isComplete())
                .findFirst()
                .orElseThrow();
        if (step.status() == Status.ERROR) {
            return;
        }
        String node = step.node();
        NodeControl control = tasks.control(node);
        switch (control.intent()) {
            case DESTROYED -> {
                removed(phase.get(), step);
                return;
            }
            case DESTROYING -> {
                return; // NodeLifecycle is decommissioning it
            }
            default -> {}
        }
        if (step.status() == Status.IN_PROGRESS) {
            // a destroy this scale-in asked for failed: NodeLifecycle put the node back as it was, saying why
            String why = "scale-in stopped: "
                    + Optional.ofNullable(control.message()).orElse("destroy failed")
                    + "; POST /v1/plans/deploy/restart?phase=" + DeployPlanFactory.DECOMMISSION_PHASE + "&step="
                    + node + " tries again";
            deploy.updateStepOf(node, s -> StepTransitions.removalFailed(s, why));
            LOG.warn("{}: {}", node, why);
            return;
        }
        boolean othersComplete = plan.phases().stream()
                .filter(p -> !p.name().equals(DeployPlanFactory.DECOMMISSION_PHASE))
                .allMatch(Phase::isComplete);
        if (!othersComplete) {
            waiting(node, "scale-in waits until the other phases of the deploy plan are COMPLETE");
            return;
        }
        if (!replicationChecked && !checkReplication(node, phase.get())) {
            return;
        }
        try {
            deploy.updateStepOf(
                    node,
                    s -> StepTransitions.started(
                            s, "scale-in to " + targetCount + " node(s): decommissioning " + node));
            lifecycle.destroy(node);
            LOG.info("{}: scale-in to {} node(s): decommissioning it", node, targetCount);
        } catch (OperationConflict | NoSuchElementException e) {
            deploy.updateStepOf(node, s -> StepTransitions.removalFailed(s, "scale-in stopped: " + e.getMessage()));
            LOG.warn("{}: scale-in stopped: {}", node, e.getMessage());
        }
    }

    /**
     * Reads every keyspace's replication from a node that stays and serves; true when the remaining nodes hold them
     * all. A refusal goes into the plan's errors; no answer (no node serves, its executor away) waits.
     */
    private boolean checkReplication(String next, Phase phase) {
        List<String> remaining = nodes.configured().stream()
                .filter(n -> NodesConfig.nodeIndex(n) < targetCount)
                .filter(n -> tasks.control(n).intent() != NodeControl.Intent.DESTROYED)
                .toList();
        Optional<NodeAddress> reader = remaining.stream()
                .filter(n -> nodes.notReady(n).isEmpty())
                .map(nodes::address)
                .flatMap(Optional::stream)
                .findFirst();
        if (reader.isEmpty()) {
            waiting(next, "scale-in waits for a node that stays and serves, to read the keyspaces' replication from");
            return false;
        }
        List<KeyspaceReplication> keyspaces;
        try {
            keyspaces = client.keyspaces(reader.get());
        } catch (NodeApiClient.Unreachable e) {
            waiting(next, "scale-in waits to read the keyspaces' replication: " + e.getMessage());
            return false;
        }
        List<String> shortfalls = ReplicationCheck.shortfalls(keyspaces, datacenter, remaining.size());
        if (!shortfalls.isEmpty()) {
            int from = remaining.size()
                    + (int) phase.steps().stream().filter(s -> !s.isComplete()).count();
            List<String> errors = shortfalls.stream()
                    .map(why -> "node count cannot decrease from " + from + " to " + remaining.size() + ": " + why
                            + "; nothing was decommissioned (lower the keyspace's replication first, or start the"
                            + " scheduler with the node count back at " + from + ")")
                    .toList();
            java.util.Map<String, Optional<String>> taskIds = new java.util.HashMap<>();
            phase.steps()
                    .forEach(s -> taskIds.put(
                            s.node(),
                            tasks.taskInfo(s.node()).map(t -> t.getTaskId().getValue())));
            // the nodes stay as they are: back among the nodes that serve (relaunched if their task dies)
            deploy.update(p -> DeployPlanFactory.keepingLeaving(p, taskIds, "kept: the scale-in was refused")
                    .withErrors(errors));
            LOG.error("scale-in refused, nothing is decommissioned: {}", errors);
            return false;
        }
        LOG.info(
                "scale-in to {} node(s): {} keyspace(s) read through {} fit on the nodes that stay",
                remaining.size(),
                keyspaces.size(),
                reader.get().node());
        replicationChecked = true;
        return true;
    }

    private void removed(Phase phase, Step step) {
        String why = REMOVED + targetCount + " node(s); task killed, reservation and volume released";
        deploy.updateStepOf(step.node(), s -> StepTransitions.destroyed(s, why));
        LOG.info("{}: {}", step.node(), why);
        if (phase.steps().stream()
                .allMatch(s -> s.node().equals(step.node()) || s.message().startsWith(REMOVED))) {
            LOG.info("scale-in to {} node(s) complete", targetCount);
        }
    }

    private void waiting(String node, String why) {
        deploy.updateStepOf(node, s -> StepTransitions.waiting(s, why));
    }
}

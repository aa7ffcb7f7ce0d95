package org.cassandramesos.scheduler.ops;

import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.ScaleNodes;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003 {@code POST /v1/nodes/create} and {@code create/stopped}: one node more, the next number, as a scale-out by
 * one. The new count is stored as the target's (with the deployed count it was set over, so a scheduler started again
 * with that count keeps the node: {@code ConfigUpdate}); the deploy plan gets the node's step and places it once the
 * others serve. A node created stopped is placed (reservation, volume, task, node API) with Cassandra left stopped: its
 * intent is STOPPED, as after {@code stop}, until {@code POST /v1/nodes/<node>/start}.
 */
public final class NodeCreation {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCreation.class);

    private final ClusterNodes nodes;
    private final TaskStore tasks;
    private final DeployPlanManager deploy;
    private final ConfigStore configs;
    private final ScaleOut scaleOut;

    public NodeCreation(
            ClusterNodes nodes, TaskStore tasks, DeployPlanManager deploy, ConfigStore configs, ScaleOut scaleOut) {
        this.nodes = nodes;
        this.tasks = tasks;
        this.deploy = deploy;
        this.configs = configs;
        this.scaleOut = scaleOut;
    }

    /** Adds the next node; its name. 409 while the deploy plan is not COMPLETE (one change at a time). */
    public synchronized String create(boolean stopped) {
        Plan plan = deploy.deploy();
        if (!plan.isComplete()) {
            throw new OperationConflict("the deploy plan is " + plan.status()
                    + "; a node is created once it is COMPLETE (one change to the cluster at a time)");
        }
        ConfigVersion target =
                configs.target().orElseThrow(() -> new OperationConflict("no target configuration is stored yet"));
        int count = target.config().nodes().count();
        String node = NodesConfig.nodeName(count);
        if (nodes.configured().contains(node) || tasks.nodeNames().contains(node)) {
            throw new OperationConflict(node + " was removed by a scale-in and is still known; it is forgotten when"
                    + " the scheduler starts again, then create adds it anew");
        }
        ServiceConfig grown = target.config().withNodes(target.config().nodes().withCount(count + 1));
        int deployedCount =
                configs.addedCount().map(ConfigStore.AddedCount::deployed).orElse(count);
        String why = stopped
                ? "created stopped by an operator; POST /v1/nodes/" + node + "/start starts it"
                : "created by an operator";
        if (stopped) {
            tasks.storeControl(node, NodeControl.DEFAULT.with(NodeControl.Intent.STOPPED, why));
        }
        configs.storeAddedCount(target.id(), grown, new ConfigStore.AddedCount(deployedCount, count + 1));
        deploy.update(p -> DeployPlanFactory.withNode(
                p, node, stopped ? "created stopped: placed with Cassandra left stopped" : ScaleNodes.JOINING));
        scaleOut.added(node);
        LOG.info(
                "{}: {}; the node count is {} now (kept while the scheduler is started with {})",
                node,
                why,
                count + 1,
                deployedCount);
        return node;
    }
}

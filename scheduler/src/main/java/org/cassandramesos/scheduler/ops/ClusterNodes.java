package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * The nodes as operations see them: which exist (the target config's, minus destroyed ones), where their
 * executors are, and whether one can take a job now (running, its deploy step COMPLETE, i.e. it was
 * reported Up/Normal and serving CQL, and not held by an operator).
 */
public final class ClusterNodes {
    private final ServiceConfig config;
    private final TaskStore tasks;
    private final DeployPlanManager deploy;

    public ClusterNodes(ServiceConfig config, TaskStore tasks, DeployPlanManager deploy) {
        this.config = config;
        this.tasks = tasks;
        this.deploy = deploy;
    }

    /**
     * Every node of the cluster, in index order: the target config's, and those a scale-in has still to remove (the
     * deploy plan's decommission steps).
     */
    public List<String> configured() {
        java.util.Set<String> names =
                new java.util.TreeSet<>(java.util.Comparator.comparingInt(NodesConfig::nodeIndex));
        IntStream.range(0, config.nodes().count())
                .mapToObj(NodesConfig::nodeName)
                .forEach(names::add);
        deploy.deploy().steps().map(Step::node).forEach(names::add);
        return List.copyOf(names);
    }

    /** The nodes operations may run on: configured and not destroyed. */
    public List<String> available() {
        return configured().stream()
                .filter(node -> {
                    NodeControl.Intent intent = tasks.control(node).intent();
                    return intent != NodeControl.Intent.DESTROYED && intent != NodeControl.Intent.DESTROYING;
                })
                .toList();
    }

    public boolean isConfigured(String node) {
        return configured().contains(node);
    }

    public Optional<NodeAddress> address(String node) {
        return NodeAddress.of(node, tasks.record(node), tasks.taskInfo(node));
    }

    /** Why {@code node} cannot take a job now; empty when it can. */
    public Optional<String> notReady(String node) {
        NodeControl control = tasks.control(node);
        if (control.heldByOperator()) {
            return Optional.of(node + " is " + control.intent().name().toLowerCase() + " by an operator");
        }
        Optional<TaskStatus> status = tasks.taskStatus(node);
        if (status.isEmpty() || status.get().getState() != TaskState.TASK_RUNNING) {
            return Optional.of(node + " is not running ("
                    + status.map(s -> s.getState().name()).orElse("no task") + ")");
        }
        Optional<Step> step =
                deploy.deploy().steps().filter(s -> s.node().equals(node)).findFirst();
        if (step.isPresent() && !step.get().isComplete()) {
            return Optional.of(node + " is not ready (deploy step " + step.get().status() + ")");
        }
        if (address(node).isEmpty()) {
            return Optional.of(node + " has no node API address");
        }
        return Optional.empty();
    }

    public boolean deployComplete() {
        return deploy.deploy().isComplete();
    }

    public String deployStatus() {
        return deploy.deploy().status().name();
    }
}

package org.cassandramesos.scheduler.mesos;

import java.util.ArrayList;
import java.util.List;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.state.NodeControl;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a changed node count means for the stored nodes, read when the deploy plan is built: nodes beyond the count
 * leave (scale-in, {@code ops.ScaleIn}); nodes of the count that were never placed while others were join (scale-out:
 * the plan bootstraps them one at a time after the others, and the operator is told to run cleanup).
 */
public final class ScaleNodes {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleNodes.class);
    /** The message of a joining node's step until it launches. */
    public static final String JOINING = "scale-out: bootstraps once the nodes before it serve";

    private ScaleNodes() {}

    /**
     * The stored nodes beyond {@code config}'s count that still have a place or are being removed. One a scale-in
     * removed already (DESTROYED, nothing placed) is forgotten here, its state deleted.
     */
    public static List<String> leaving(TaskStore tasks, ServiceConfig config) {
        List<String> leaving = new ArrayList<>();
        for (String node : tasks.nodeNames()) {
            int index = NodesConfig.nodeIndex(node);
            if (index < config.nodes().count()) {
                continue;
            }
            boolean placed =
                    tasks.record(node).isPresent() || tasks.taskInfo(node).isPresent();
            if (!placed && tasks.control(node).intent() == NodeControl.Intent.DESTROYED) {
                tasks.remove(node);
                LOG.info("{}: removed by a scale-in; its state is forgotten", node);
                continue;
            }
            leaving.add(node);
        }
        return leaving;
    }

    /** The nodes that join now: in the plan, never placed, while another node was. */
    public static List<String> joining(Plan deploy, TaskStore tasks) {
        List<String> placed = tasks.nodeNames().stream()
                .filter(node -> tasks.record(node).isPresent())
                .toList();
        if (placed.isEmpty()) {
            return List.of(); // a first deploy
        }
        return deploy.steps()
                .filter(step -> step.goal() == Step.Goal.RUNNING_AND_READY)
                .filter(step -> !step.isComplete() && step.status() != Status.ERROR)
                .map(Step::node)
                .filter(node ->
                        tasks.record(node).isEmpty() && tasks.control(node).intent() == NodeControl.Intent.RUNNING)
                .toList();
    }

    /** Says in the log and in their steps which nodes join and that cleanup follows. */
    public static Plan announce(Plan deploy, TaskStore tasks) {
        List<String> joining = joining(deploy, tasks);
        if (joining.isEmpty()) {
            return deploy;
        }
        LOG.info(
                "scale-out: {} join(s) the cluster, one at a time once the nodes before it serve; when the deploy plan"
                        + " is COMPLETE, run cleanup (PUT /v1/cleanup/start, CLI: cleanup start) so the other nodes drop"
                        + " the data they no longer own",
                joining);
        Plan next = deploy;
        for (Step step : deploy.steps().toList()) {
            if (joining.contains(step.node())
                    && step.status() == Status.PENDING
                    && step.message().isEmpty()) {
                next = next.with(org.cassandramesos.scheduler.plan.StepTransitions.waiting(step, JOINING));
            }
        }
        return next;
    }
}

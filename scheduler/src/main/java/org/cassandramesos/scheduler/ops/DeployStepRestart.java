package org.cassandramesos.scheduler.ops;

import com.google.inject.Provider;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's restart of a deploy step ({@code POST /v1/plans/deploy/restart}): the step runs again from scratch,
 * so a node whose task still runs is relaunched in place. Its task is killed; the step then launches it on its own
 * reservation and volume, as {@code node restart} does. Without the kill the step would wait for an offer of the
 * resources its own running task holds.
 */
public final class DeployStepRestart {
    private static final Logger LOG = LoggerFactory.getLogger(DeployStepRestart.class);
    private static final Set<TaskState> LIVE =
            EnumSet.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING);

    private final DeployPlanManager deploy;
    private final TaskStore tasks;
    private final Provider<NodeOperations> nodes;

    public DeployStepRestart(DeployPlanManager deploy, TaskStore tasks, Provider<NodeOperations> nodes) {
        this.deploy = deploy;
        this.tasks = tasks;
        this.nodes = nodes;
    }

    public Optional<Plan> restart(String plan, String phase, String step) {
        Optional<Plan> before = deploy.plan(plan);
        Optional<Plan> after = deploy.restart(plan, phase, step);
        after.ifPresent(restarted -> before.ifPresent(previous -> relaunchRestartedNodes(previous, restarted)));
        return after;
    }

    private void relaunchRestartedNodes(Plan before, Plan after) {
        after.steps()
                .filter(step -> step.status() == Status.PENDING)
                .filter(step ->
                        before.steps().anyMatch(old -> old.id().equals(step.id()) && old.status() != Status.PENDING))
                .map(Step::node)
                .filter(node -> tasks.taskStatus(node)
                        .map(s -> LIVE.contains(s.getState()))
                        .orElse(false))
                .forEach(node -> {
                    try {
                        LOG.info("{}: deploy step restarted by operator; relaunching its task in place", node);
                        nodes.get().restart(node);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "{}: deploy step restarted but its task could not be killed yet: {}",
                                node,
                                e.getMessage());
                    }
                });
    }
}

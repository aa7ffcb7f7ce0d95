package org.cassandramesos.scheduler.uninstall;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.cassandramesos.scheduler.plan.Phase;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;

/**
 * Pure transitions of the uninstall plan: (plan, what Mesos said) → plan. A kill step completes once its task has
 * ended and its executor is gone, because the executor holds part of the node's reservation; a reservation's step
 * completes when an offer carrying it is released after its node's kill step completed (the executor's resources are
 * offered only after the master reported the executor gone), so the last piece of it is released too.
 */
public final class UninstallTransitions {
    private UninstallTransitions() {}

    /** The KILL for {@code node}'s task went out. */
    public static Plan killSent(Plan plan, String node, String taskId) {
        return onStep(
                plan,
                UninstallPlanFactory.KILL_PHASE,
                node,
                step -> StepTransitions.started(step, "killing task " + taskId));
    }

    /** {@code node}'s task ended ({@code state}); its executor was told to shut down. */
    public static Plan taskEnded(Plan plan, String node, String state) {
        return onStep(
                plan,
                UninstallPlanFactory.KILL_PHASE,
                node,
                step -> StepTransitions.started(step, "task ended (" + state + "); waiting for its executor to exit"));
    }

    /** {@code node}'s executor is gone ({@code how}): nothing of the node runs any more. */
    public static Plan executorGone(Plan plan, String node, String how) {
        return onStep(
                plan,
                UninstallPlanFactory.KILL_PHASE,
                node,
                step -> StepTransitions.completed(step, "task and executor gone (" + how + ")"));
    }

    /**
     * An offer from {@code host} carrying reservations {@code resourceIds} was answered with DESTROY and UNRESERVE.
     * Their steps complete if their node's kill step is complete (nothing of it can still hold resources).
     */
    public static Plan released(Plan plan, Set<String> resourceIds, String host) {
        Predicate<String> nodeGone =
                node -> killStep(plan, node).map(Step::isComplete).orElse(true);
        Plan next = plan;
        for (Step step : phaseSteps(plan, UninstallPlanFactory.UNRESERVE_PHASE)) {
            if (resourceIds.contains(step.name()) && nodeGone.test(step.node())) {
                next = next.with(
                        StepTransitions.completed(step, "volume destroyed and resources unreserved on " + host));
            } else if (resourceIds.contains(step.name())) {
                next = next.with(StepTransitions.started(
                        step, "released on " + host + " while its node still ran; waiting for the rest of it"));
            }
        }
        return next;
    }

    /** Everything but the deregister step is done, and nobody interrupted the plan. */
    public static boolean readyToDeregister(Plan plan) {
        return !plan.interrupted()
                && plan.steps().filter(step -> !isDeregister(step)).allMatch(Step::isComplete)
                && phaseSteps(plan, UninstallPlanFactory.DEREGISTER_PHASE).stream()
                        .noneMatch(Step::isComplete);
    }

    /** The ZooKeeper root was deleted and TEARDOWN sent. */
    public static Plan deregistered(Plan plan, String frameworkId) {
        return onStep(
                plan,
                UninstallPlanFactory.DEREGISTER_PHASE,
                UninstallPlanFactory.DEREGISTER_STEP,
                step -> StepTransitions.completed(
                        step, "ZooKeeper state deleted; framework " + frameworkId + " torn down"));
    }

    private static boolean isDeregister(Step step) {
        return step.name().equals(UninstallPlanFactory.DEREGISTER_STEP)
                && step.node().isEmpty();
    }

    private static java.util.Optional<Step> killStep(Plan plan, String node) {
        return phaseSteps(plan, UninstallPlanFactory.KILL_PHASE).stream()
                .filter(s -> s.name().equals(node))
                .findFirst();
    }

    private static java.util.List<Step> phaseSteps(Plan plan, String phase) {
        return plan.phases().stream()
                .filter(p -> p.name().equals(phase))
                .findFirst()
                .map(Phase::steps)
                .orElse(java.util.List.of());
    }

    private static Plan onStep(Plan plan, String phase, String name, UnaryOperator<Step> change) {
        return phaseSteps(plan, phase).stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .map(change)
                .map((Function<Step, Plan>) plan::with)
                .orElse(plan);
    }
}

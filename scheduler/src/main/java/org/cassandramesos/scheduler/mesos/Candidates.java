package org.cassandramesos.scheduler.mesos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;

/**
 * The steps that may take offers now. Normally the plan's strategy decides, and besides it every node that already
 * had a place and whose task died is relaunched: a config update waiting behind it (or a pause of the rollout) must
 * not leave the cluster degraded. While the plan is interrupted or blocked by config errors only those are. A step
 * whose node still runs a task on its own reservation takes no offer: that task holds the resources it would need
 * (it is drained first, see {@code ConfigRollout}).
 */
final class Candidates {
    private Candidates() {}

    /**
     * @param relaunchable whether a node had a place and its own resources are free for it: no task of it runs on its
     *                     reservation (a first launch is never relaunchable: its steps come from the strategy)
     * @param holdsItsReservation whether a node's live task runs on the node's own reservation
     */
    static List<Step> of(
            Plan plan, Instant now, Predicate<String> relaunchable, Predicate<String> holdsItsReservation) {
        List<Step> candidates = new ArrayList<>();
        if (!plan.interrupted() && plan.errors().isEmpty()) {
            plan.candidates(now).stream()
                    .filter(step -> !holdsItsReservation.test(step.node()))
                    .forEach(candidates::add);
        }
        plan.steps()
                // a node leaving the cluster (scale-in) is not relaunched: it decommissions or is removed
                .filter(step -> step.goal() != Step.Goal.REMOVED)
                .filter(step -> step.isDue(now) && relaunchable.test(step.node()))
                .filter(step -> candidates.stream().noneMatch(c -> c.id().equals(step.id())))
                .forEach(candidates::add);
        return candidates;
    }
}

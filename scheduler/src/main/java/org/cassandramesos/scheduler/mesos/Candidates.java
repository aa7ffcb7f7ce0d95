package org.cassandramesos.scheduler.mesos;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;

/**
 * The steps that may take offers now. Normally the plan's strategy decides. While the plan is
 * interrupted or blocked by config errors it starts no new node, but nodes that already had a place
 * and whose task died are still relaunched: pausing a rollout must not leave the cluster degraded.
 */
final class Candidates {
    private Candidates() {}

    static List<Step> of(Plan plan, Instant now, Predicate<String> placedBefore) {
        if (!plan.interrupted() && plan.errors().isEmpty()) {
            return plan.candidates(now);
        }
        return plan.steps().filter(step -> step.isDue(now) && placedBefore.test(step.node())).toList();
    }
}

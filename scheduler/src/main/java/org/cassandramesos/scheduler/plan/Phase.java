package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An ordered group of steps run by one strategy. */
public record Phase(UUID id, String name, Strategy strategy, List<Step> steps) {

    public Phase {
        steps = List.copyOf(steps);
    }

    public static Phase of(String plan, String name, Strategy strategy, List<Step> steps) {
        return new Phase(Step.stableId(plan, name), name, strategy, steps);
    }

    public Status status() {
        return Statuses.aggregate(steps.stream().map(Step::status).toList());
    }

    public boolean isComplete() {
        return steps.stream().allMatch(Step::isComplete);
    }

    List<Step> candidates(Instant now) {
        return strategy.candidates(steps, now);
    }

    Phase replace(Step updated) {
        List<Step> next = new ArrayList<>(steps.size());
        for (Step step : steps) {
            next.add(step.id().equals(updated.id()) ? updated : step);
        }
        return new Phase(id, name, strategy, next);
    }
}

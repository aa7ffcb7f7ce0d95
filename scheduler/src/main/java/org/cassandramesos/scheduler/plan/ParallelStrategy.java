package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.List;

/** Every ready step at once; a failing step does not hold back the others. */
public final class ParallelStrategy implements Strategy {
    public static final ParallelStrategy INSTANCE = new ParallelStrategy();

    @Override
    public List<Step> candidates(List<Step> steps, Instant now) {
        return steps.stream().filter(step -> step.isDue(now)).toList();
    }

    @Override
    public String name() {
        return "parallel";
    }
}

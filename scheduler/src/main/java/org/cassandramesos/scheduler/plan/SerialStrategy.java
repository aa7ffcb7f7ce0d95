package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.List;

/**
 * One step at a time, in order: the first incomplete step, once it is ready. A step in flight, in
 * backoff or in ERROR blocks the ones after it (a Cassandra node must join before the next one does).
 */
public final class SerialStrategy implements Strategy {
    public static final SerialStrategy INSTANCE = new SerialStrategy();

    @Override
    public List<Step> candidates(List<Step> steps, Instant now) {
        for (Step step : steps) {
            if (step.isComplete()) {
                continue;
            }
            return step.isDue(now) ? List.of(step) : List.of();
        }
        return List.of();
    }

    @Override
    public String name() {
        return "serial";
    }
}

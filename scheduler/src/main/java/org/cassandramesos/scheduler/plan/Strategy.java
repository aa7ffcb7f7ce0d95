package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.List;

/** Chooses which steps of a phase may be worked on now. */
public interface Strategy {

    /** Steps that may be handed offers at {@code now}, in order of preference. */
    List<Step> candidates(List<Step> steps, Instant now);

    String name();
}

package org.cassandramesos.scheduler.offer;

import java.util.Optional;

/** A placement decision with the placed nodes already folded in: only the agent varies. */
@FunctionalInterface
public interface AgentCheck {
    AgentCheck ANY = agent -> Optional.empty();

    /** Why a node may not go on {@code agent}, or empty when it may. */
    Optional<String> violation(AgentFacts agent);
}

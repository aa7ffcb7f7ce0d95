package org.cassandramesos.scheduler.plan;

import java.util.Optional;
import java.util.UUID;

/** Operator commands on a plan's phase or step named by id (UUID) or name, as the API passes them. */
public final class PlanRefs {
    private PlanRefs() {}

    /**
     * The plan with the step (or, without {@code stepRef}, every step of the phase) restarted or
     * force-completed; empty if the phase or step does not exist.
     */
    public static Optional<Plan> apply(Plan plan, String phaseRef, String stepRef, boolean complete) {
        Optional<Phase> phase = plan.phases().stream()
                .filter(p -> matches(phaseRef, p.id(), p.name()))
                .findFirst();
        if (phase.isEmpty()) {
            return Optional.empty();
        }
        Optional<UUID> stepId = Optional.empty();
        if (stepRef != null && !stepRef.isBlank()) {
            Optional<Step> step = phase.get().steps().stream()
                    .filter(s -> matches(stepRef, s.id(), s.name()))
                    .findFirst();
            if (step.isEmpty()) {
                return Optional.empty();
            }
            stepId = Optional.of(step.get().id());
        }
        return complete
                ? plan.forceComplete(phase.get().id(), stepId)
                : plan.restart(phase.get().id(), stepId);
    }

    private static boolean matches(String ref, UUID id, String name) {
        return ref != null && (ref.equals(id.toString()) || ref.equals(name));
    }
}

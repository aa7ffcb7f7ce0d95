package org.cassandramesos.scheduler.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Persists the difference between two versions of a plan: only the steps that changed, atomically when several did. */
public final class PlanWrites {
    private PlanWrites() {}

    public static void persist(PlanPersistence store, Plan before, Plan next) {
        Map<UUID, Step> old = new HashMap<>();
        before.steps().forEach(step -> old.put(step.id(), step));
        List<Step> changedSteps = new ArrayList<>();
        next.steps().filter(step -> !step.equals(old.get(step.id()))).forEach(changedSteps::add);
        if (changedSteps.size() > 1) {
            store.store(next.name(), PlanProgress.of(next)); // one transaction for a multi-step change
            return;
        }
        changedSteps.forEach(step -> store.storeStep(next.name(), step));
        if (before.interrupted() != next.interrupted()) {
            store.storeInterrupted(next.name(), next.interrupted());
        }
    }
}

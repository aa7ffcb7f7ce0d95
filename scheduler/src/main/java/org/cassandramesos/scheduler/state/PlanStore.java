package org.cassandramesos.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.scheduler.plan.PlanPersistence;
import org.cassandramesos.scheduler.plan.PlanProgress;
import org.cassandramesos.scheduler.plan.PlanProgress.StepProgress;
import org.cassandramesos.scheduler.plan.Step;

/**
 * Plan progress under {@code /plans/<plan>/}: {@code interrupted} and {@code steps/<step-id>}. One
 * znode per step keeps each write small; a whole plan is written in one transaction.
 */
public final class PlanStore implements PlanPersistence {
    static final String PLANS = "/plans";

    private final Persister persister;

    public PlanStore(Persister persister) {
        this.persister = persister;
    }

    /** The stored progress, or empty if the plan never ran. */
    @Override
    public Optional<PlanProgress> load(String plan) {
        Optional<byte[]> interrupted = persister.get(interruptedPath(plan));
        var stepIds = persister.children(stepsPath(plan));
        if (interrupted.isEmpty() && stepIds.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, StepProgress> steps = new HashMap<>();
        for (String id : stepIds) {
            String path = stepsPath(plan) + "/" + id;
            persister
                    .get(path)
                    .ifPresent(
                            bytes -> steps.put(UUID.fromString(id), StateJson.read(bytes, StepProgress.class, path)));
        }
        boolean isInterrupted = interrupted
                .map(b -> "true".equals(new String(b, StandardCharsets.UTF_8)))
                .orElse(false);
        return Optional.of(new PlanProgress(isInterrupted, steps));
    }

    /** Stores a whole plan's progress atomically (e.g. after a restart or forceComplete of a phase). */
    @Override
    public void store(String plan, PlanProgress progress) {
        Map<String, byte[]> values = new HashMap<>();
        values.put(interruptedPath(plan), flag(progress.interrupted()));
        progress.steps().forEach((id, step) -> values.put(stepsPath(plan) + "/" + id, StateJson.write(step)));
        persister.setAll(values);
    }

    /** Stores one step's progress. */
    @Override
    public void storeStep(String plan, Step step) {
        persister.set(stepsPath(plan) + "/" + step.id(), StateJson.write(StepProgress.of(step)));
    }

    @Override
    public void storeInterrupted(String plan, boolean interrupted) {
        persister.set(interruptedPath(plan), flag(interrupted));
    }

    /** Forgets a plan (an operation that was stopped). */
    @Override
    public void delete(String plan) {
        persister.delete(PLANS + "/" + plan);
    }

    private static byte[] flag(boolean value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String interruptedPath(String plan) {
        return PLANS + "/" + plan + "/interrupted";
    }

    private static String stepsPath(String plan) {
        return PLANS + "/" + plan + "/steps";
    }
}

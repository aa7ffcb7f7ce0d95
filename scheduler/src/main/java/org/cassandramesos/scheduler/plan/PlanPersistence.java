package org.cassandramesos.scheduler.plan;

import java.util.Optional;

/**
 * Where a plan's progress is kept (ZooKeeper in production: {@code state.PlanStore}). The plan model depends on this
 * port, not on the store, so {@code plan} imports nothing of {@code state}.
 */
public interface PlanPersistence {

    /** The stored progress, or empty if the plan never ran. */
    Optional<PlanProgress> load(String plan);

    /** Stores a whole plan's progress atomically (e.g. after a restart or forceComplete of a phase). */
    void store(String plan, PlanProgress progress);

    /** Stores one step's progress. */
    void storeStep(String plan, Step step);

    void storeInterrupted(String plan, boolean interrupted);

    /** Forgets a plan (an operation that was stopped). */
    void delete(String plan);
}

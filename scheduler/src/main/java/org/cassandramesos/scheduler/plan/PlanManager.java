package org.cassandramesos.scheduler.plan;

import java.util.List;
import java.util.Optional;

/**
 * The live plans of the scheduler, as operators see and steer them (REST API, CLI). Implemented by
 * the scheduler's Mesos side, which owns the current {@link Plan} values and persists every change
 * before it returns.
 *
 * <p>{@code phase} and {@code step} accept an id (UUID) or a name.
 */
public interface PlanManager {
    List<String> planNames();

    Optional<Plan> plan(String name);

    /** Pauses the plan after the steps in flight; false if there is no such plan. */
    boolean interrupt(String plan);

    /** Resumes an interrupted plan; false if there is no such plan. */
    boolean proceed(String plan);

    /** Re-runs a step from scratch (fresh attempts); empty if plan, phase or step does not exist. */
    Optional<Plan> restart(String plan, String phase, String step);

    /** Marks a step COMPLETE without running it; empty if plan, phase or step does not exist. */
    Optional<Plan> forceComplete(String plan, String phase, String step);

    /**
     * The plans of an uninstalling scheduler: a running plan answers 202 as dcos-commons does (Cosmos polls
     * {@code /v1/plans/deploy} until 200), where a deploying scheduler answers 503 (seed 002).
     */
    default boolean isUninstall() {
        return false;
    }
}

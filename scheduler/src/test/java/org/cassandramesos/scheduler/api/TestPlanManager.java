package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.plan.DeployPlanFactory;
import org.cassandramesos.scheduler.plan.Phase;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.plan.Step;

/**
 * A {@link PlanManager} over real {@link Plan} values held in memory, standing in for the scheduler's
 * Mesos side in API tests: it steers plans exactly as the pure plan model does, without offers.
 */
public final class TestPlanManager implements PlanManager {
    private final ServiceConfig config;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    @Inject
    public TestPlanManager(ServiceConfig config) {
        this.config = config;
        reset();
    }

    /** Back to a fresh, pending deploy plan. */
    public void reset() {
        plans.clear();
        plans.put(DeployPlanFactory.PLAN, DeployPlanFactory.create(config, List.of()));
    }

    /** Every step of the plan force-completed. */
    public void completeAll(String name) {
        Plan plan = plans.get(name);
        for (Phase phase : plan.phases()) {
            plan = plan.forceComplete(phase.id(), Optional.empty()).orElseThrow();
        }
        plans.put(name, plan);
    }

    @Override
    public List<String> planNames() {
        return new ArrayList<>(plans.keySet());
    }

    @Override
    public Optional<Plan> plan(String name) {
        return Optional.ofNullable(plans.get(name));
    }

    @Override
    public boolean interrupt(String plan) {
        return plans.computeIfPresent(plan, (name, p) -> p.interrupt()) != null;
    }

    @Override
    public boolean proceed(String plan) {
        return plans.computeIfPresent(plan, (name, p) -> p.proceed()) != null;
    }

    @Override
    public Optional<Plan> restart(String plan, String phase, String step) {
        return change(plan, phase, step, true);
    }

    @Override
    public Optional<Plan> forceComplete(String plan, String phase, String step) {
        return change(plan, phase, step, false);
    }

    private Optional<Plan> change(String name, String phaseRef, String stepRef, boolean restart) {
        Plan plan = plans.get(name);
        if (plan == null) {
            return Optional.empty();
        }
        Optional<Phase> phase = plan.phases().stream()
                .filter(p -> matches(p.id(), p.name(), phaseRef))
                .findFirst();
        Optional<Step> step = phase.flatMap(p -> p.steps().stream()
                .filter(s -> matches(s.id(), s.name(), stepRef))
                .findFirst());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        Optional<Plan> next = restart
                ? plan.restart(phase.get().id(), Optional.of(step.get().id()))
                : plan.forceComplete(phase.get().id(), Optional.of(step.get().id()));
        next.ifPresent(p -> plans.put(name, p));
        return next;
    }

    private static boolean matches(UUID id, String name, String ref) {
        return name.equals(ref) || id.toString().equals(ref);
    }
}

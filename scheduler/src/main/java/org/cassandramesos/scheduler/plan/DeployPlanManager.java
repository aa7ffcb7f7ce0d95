package org.cassandramesos.scheduler.plan;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.cassandramesos.scheduler.config.ServiceConfig;

/**
 * Holds the live {@code deploy} plan: built from the target config, with the progress stored in
 * ZooKeeper laid back onto it. Every change is persisted (only the steps that changed) before it is
 * visible or returned; listeners hear of every change, e.g. so the Mesos side revives offers.
 */
public final class DeployPlanManager implements PlanManager {
    private final PlanPersistence store;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Plan deploy;

    private DeployPlanManager(PlanPersistence store, Plan deploy) {
        this.store = store;
        this.deploy = deploy;
    }

    /** The deploy plan for {@code target}, with stored progress; {@code errors} (config validation) block it. */
    public static DeployPlanManager load(PlanPersistence store, ServiceConfig target, List<String> errors) {
        return load(store, target, errors, List.of());
    }

    /** As above; {@code leaving} (nodes beyond the target count) get decommission steps. */
    public static DeployPlanManager load(
            PlanPersistence store, ServiceConfig target, List<String> errors, List<String> leaving) {
        Plan fresh = DeployPlanFactory.create(target, errors, leaving);
        Plan plan = store.load(DeployPlanFactory.PLAN)
                .map(progress -> progress.applyTo(fresh))
                .orElse(fresh);
        return new DeployPlanManager(store, plan);
    }

    /** Called after every change, on the changing thread; must be quick and must not call back in. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public synchronized Plan deploy() {
        return deploy;
    }

    /** Applies {@code change} to the deploy plan, persists what changed, and returns the new plan. */
    public Plan update(UnaryOperator<Plan> change) {
        Plan next;
        boolean changed;
        synchronized (this) {
            Plan before = deploy;
            next = change.apply(before);
            changed = !next.equals(before);
            if (changed) {
                persist(before, next);
                deploy = next;
            }
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
        return next;
    }

    /** Applies {@code change} to the deploy plan's step for {@code node}, if there is one. */
    public Plan updateStepOf(String node, UnaryOperator<Step> change) {
        return update(plan -> plan.steps()
                .filter(step -> step.node().equals(node))
                .findFirst()
                .map(step -> plan.with(change.apply(step)))
                .orElse(plan));
    }

    private void persist(Plan before, Plan next) {
        PlanWrites.persist(store, before, next);
    }

    @Override
    public List<String> planNames() {
        return List.of(DeployPlanFactory.PLAN);
    }

    @Override
    public Optional<Plan> plan(String name) {
        return DeployPlanFactory.PLAN.equals(name) ? Optional.of(deploy()) : Optional.empty();
    }

    @Override
    public boolean interrupt(String plan) {
        if (!DeployPlanFactory.PLAN.equals(plan)) {
            return false;
        }
        update(Plan::interrupt);
        return true;
    }

    @Override
    public boolean proceed(String plan) {
        if (!DeployPlanFactory.PLAN.equals(plan)) {
            return false;
        }
        update(Plan::proceed);
        return true;
    }

    @Override
    public Optional<Plan> restart(String plan, String phase, String step) {
        return apply(plan, phase, step, false);
    }

    @Override
    public Optional<Plan> forceComplete(String plan, String phase, String step) {
        return apply(plan, phase, step, true);
    }

    private Optional<Plan> apply(String planName, String phaseRef, String stepRef, boolean complete) {
        if (!DeployPlanFactory.PLAN.equals(planName)) {
            return Optional.empty();
        }
        AtomicReference<Optional<Plan>> result = new AtomicReference<>(Optional.empty());
        update(plan -> {
            result.set(PlanRefs.apply(plan, phaseRef, stepRef, complete));
            return result.get().orElse(plan);
        });
        return result.get();
    }
}

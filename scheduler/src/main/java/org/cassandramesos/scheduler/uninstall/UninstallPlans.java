package org.cassandramesos.scheduler.uninstall;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.plan.PlanRefs;
import org.cassandramesos.scheduler.plan.PlanWrites;
import org.cassandramesos.scheduler.state.PlanStore;

/**
 * The uninstall plan as the API and the uninstall scheduler see it. Progress is persisted (a restarted scheduler does
 * not wait for reservations it already released) until the state is deleted; after that it lives in memory only, so
 * nothing writes the ZooKeeper root back.
 */
public final class UninstallPlans implements PlanManager {
    private final PlanStore store;
    private Plan plan;
    private boolean persisting = true;

    private UninstallPlans(PlanStore store, Plan plan) {
        this.store = store;
        this.plan = plan;
    }

    /** The plan for {@code inventory}, with the progress a previous uninstalling scheduler stored. */
    public static UninstallPlans load(PlanStore store, Inventory inventory) {
        Plan fresh = UninstallPlanFactory.create(inventory);
        return new UninstallPlans(
                store,
                store.load(UninstallPlanFactory.PLAN).map(p -> p.applyTo(fresh)).orElse(fresh));
    }

    /** Nothing left to uninstall (no state at all): the plan is complete and stored nowhere. */
    public static UninstallPlans nothingLeft() {
        Plan fresh = UninstallPlanFactory.create(new Inventory(java.util.Map.of(), java.util.Map.of()));
        Plan done = UninstallTransitions.deregistered(fresh, "(none)");
        UninstallPlans plans = new UninstallPlans(null, done);
        plans.persisting = false;
        return plans;
    }

    public synchronized Plan current() {
        return plan;
    }

    /** Applies {@code change}, persisting what changed while the state still exists. */
    public synchronized Plan update(UnaryOperator<Plan> change) {
        Plan next = change.apply(plan);
        if (!next.equals(plan) && persisting) {
            PlanWrites.persist(store, plan, next);
        }
        plan = next;
        return next;
    }

    /** The state is about to be deleted: from now on the plan is kept in memory only. */
    public synchronized void stopPersisting() {
        persisting = false;
    }

    @Override
    public List<String> planNames() {
        return List.of(UninstallPlanFactory.PLAN);
    }

    @Override
    public Optional<Plan> plan(String name) {
        return UninstallPlanFactory.PLAN.equals(name) ? Optional.of(current()) : Optional.empty();
    }

    @Override
    public boolean interrupt(String name) {
        return command(name, Plan::interrupt);
    }

    @Override
    public boolean proceed(String name) {
        return command(name, Plan::proceed);
    }

    @Override
    public Optional<Plan> restart(String name, String phase, String step) {
        return apply(name, phase, step, false);
    }

    @Override
    public Optional<Plan> forceComplete(String name, String phase, String step) {
        return apply(name, phase, step, true);
    }

    @Override
    public boolean isUninstall() {
        return true;
    }

    private boolean command(String name, UnaryOperator<Plan> change) {
        if (!UninstallPlanFactory.PLAN.equals(name)) {
            return false;
        }
        update(change);
        return true;
    }

    private Optional<Plan> apply(String name, String phase, String step, boolean complete) {
        if (!UninstallPlanFactory.PLAN.equals(name)) {
            return Optional.empty();
        }
        AtomicReference<Optional<Plan>> result = new AtomicReference<>(Optional.empty());
        update(p -> {
            result.set(PlanRefs.apply(p, phase, step, complete));
            return result.get().orElse(p);
        });
        return result.get();
    }
}

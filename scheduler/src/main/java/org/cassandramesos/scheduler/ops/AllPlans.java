package org.cassandramesos.scheduler.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;

/** The plans operators see: {@code deploy} and the latest operation's plan ({@code repair}, {@code backup}, …). */
public final class AllPlans implements PlanManager {
    private final DeployPlanManager deploy;
    private final OperationManager operations;

    public AllPlans(DeployPlanManager deploy, OperationManager operations) {
        this.deploy = deploy;
        this.operations = operations;
    }

    private PlanManager owner(String plan) {
        return operations.planNames().contains(plan) ? operations : deploy;
    }

    @Override
    public List<String> planNames() {
        List<String> names = new ArrayList<>(deploy.planNames());
        names.addAll(operations.planNames());
        return names;
    }

    @Override
    public Optional<Plan> plan(String name) {
        return owner(name).plan(name);
    }

    @Override
    public boolean interrupt(String plan) {
        return owner(plan).interrupt(plan);
    }

    @Override
    public boolean proceed(String plan) {
        return owner(plan).proceed(plan);
    }

    @Override
    public Optional<Plan> restart(String plan, String phase, String step) {
        return owner(plan).restart(plan, phase, step);
    }

    @Override
    public Optional<Plan> forceComplete(String plan, String phase, String step) {
        return owner(plan).forceComplete(plan, phase, step);
    }
}

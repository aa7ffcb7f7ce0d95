package org.cassandramesos.scheduler.ops;

import com.google.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.state.TaskStore;

/** The plans operators see: {@code deploy} and the latest operation's plan ({@code repair}, {@code backup}, …). */
public final class AllPlans implements PlanManager {
    private final DeployPlanManager deploy;
    private final OperationManager operations;
    private final DeployStepRestart deployRestart;

    /** @param nodes kills a restarted deploy step's live task so it relaunches in place (a provider: no cycle) */
    public AllPlans(
            DeployPlanManager deploy, OperationManager operations, TaskStore tasks, Provider<NodeOperations> nodes) {
        this.deploy = deploy;
        this.operations = operations;
        this.deployRestart = new DeployStepRestart(deploy, tasks, nodes);
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
        PlanManager owner = owner(plan);
        if (owner != deploy) {
            return owner.restart(plan, phase, step);
        }
        return deployRestart.restart(plan, phase, step);
    }

    @Override
    public Optional<Plan> forceComplete(String plan, String phase, String step) {
        return owner(plan).forceComplete(plan, phase, step);
    }
}

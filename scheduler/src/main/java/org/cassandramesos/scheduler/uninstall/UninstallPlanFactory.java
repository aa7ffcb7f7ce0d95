package org.cassandramesos.scheduler.uninstall;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.cassandramesos.scheduler.plan.ParallelStrategy;
import org.cassandramesos.scheduler.plan.Phase;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.SerialStrategy;
import org.cassandramesos.scheduler.plan.Step;

/**
 * The uninstall plan, served as {@code deploy} as dcos-commons does (Cosmos polls {@code /v1/plans/deploy}):
 * {@code kill-tasks} (a step per node with a task: its task killed and its executor gone), {@code unreserve-resources}
 * (a step per reservation: its volume destroyed and its resources unreserved), {@code deregister-service} (the
 * ZooKeeper root deleted and the framework torn down). Phases run in that order; steps within a phase at once.
 */
public final class UninstallPlanFactory {
    public static final String PLAN = "deploy";
    public static final String KILL_PHASE = "kill-tasks";
    public static final String UNRESERVE_PHASE = "unreserve-resources";
    public static final String DEREGISTER_PHASE = "deregister-service";
    public static final String DEREGISTER_STEP = "deregister";

    private UninstallPlanFactory() {}

    public static Plan create(Inventory inventory) {
        List<Phase> phases = new ArrayList<>(3);
        List<Step> kills = new ArrayList<>();
        new TreeMap<>(inventory.tasks())
                .keySet()
                .forEach(node -> kills.add(Step.pending(PLAN, KILL_PHASE, node, node, Step.Goal.FINISHED)));
        if (!kills.isEmpty()) {
            phases.add(Phase.of(PLAN, KILL_PHASE, ParallelStrategy.INSTANCE, kills));
        }
        List<Step> releases = new ArrayList<>();
        new TreeMap<>(inventory.reservations())
                .forEach((resourceId, node) ->
                        releases.add(Step.pending(PLAN, UNRESERVE_PHASE, resourceId, node, Step.Goal.FINISHED)));
        if (!releases.isEmpty()) {
            phases.add(Phase.of(PLAN, UNRESERVE_PHASE, ParallelStrategy.INSTANCE, releases));
        }
        phases.add(Phase.of(
                PLAN,
                DEREGISTER_PHASE,
                SerialStrategy.INSTANCE,
                List.of(Step.pending(PLAN, DEREGISTER_PHASE, DEREGISTER_STEP, "", Step.Goal.FINISHED))));
        return new Plan(PLAN, phases, false, List.of());
    }
}

package org.cassandramesos.scheduler.plan;

import java.util.ArrayList;
import java.util.List;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;

/**
 * The {@code deploy} plan: seeds first, then the other nodes, one node per step, serially (Cassandra
 * nodes must bootstrap one at a time). Config validation errors make the plan ERROR.
 */
public final class DeployPlanFactory {
    public static final String PLAN = "deploy";
    public static final String SEEDS_PHASE = "seeds";
    public static final String NODES_PHASE = "nodes";
    /** Scale-in: the nodes beyond the target count, highest first, decommissioned one at a time. */
    public static final String DECOMMISSION_PHASE = "decommission";

    private DeployPlanFactory() {}

    public static Plan create(ServiceConfig config, List<String> validationErrors) {
        return create(config, validationErrors, List.of());
    }

    /**
     * As above, with a {@value #DECOMMISSION_PHASE} phase for {@code leaving}: nodes the stored state still has beyond
     * the target count, removed highest first after the other phases are complete.
     */
    public static Plan create(ServiceConfig config, List<String> validationErrors, List<String> leaving) {
        int count = config.nodes().count();
        int seeds = Math.min(Math.max(config.nodes().seeds(), 1), Math.max(count, 0));
        List<Phase> phases = new ArrayList<>(2);
        if (seeds > 0) {
            phases.add(Phase.of(PLAN, SEEDS_PHASE, SerialStrategy.INSTANCE, steps(SEEDS_PHASE, 0, seeds)));
        }
        if (count > seeds) {
            phases.add(Phase.of(PLAN, NODES_PHASE, SerialStrategy.INSTANCE, steps(NODES_PHASE, seeds, count)));
        }
        if (!leaving.isEmpty()) {
            List<Step> steps = leaving.stream()
                    .sorted(java.util.Comparator.comparingInt(NodesConfig::nodeIndex)
                            .reversed())
                    .map(node -> Step.pending(PLAN, DECOMMISSION_PHASE, node, node, Step.Goal.REMOVED))
                    .toList();
            phases.add(Phase.of(PLAN, DECOMMISSION_PHASE, SerialStrategy.INSTANCE, steps));
        }
        return new Plan(PLAN, phases, false, validationErrors);
    }

    /**
     * {@code plan} with a step for {@code node} at the end of the {@value #NODES_PHASE} phase (created after the seeds
     * phase if there is none): a node added while the scheduler runs ({@code POST /v1/nodes/create}).
     */
    public static Plan withNode(Plan plan, String node, String message) {
        Step step = StepTransitions.noted(
                Step.pending(PLAN, NODES_PHASE, node, node, Step.Goal.RUNNING_AND_READY), message);
        List<Phase> phases = new ArrayList<>(plan.phases());
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            if (phase.name().equals(NODES_PHASE)) {
                List<Step> steps = new ArrayList<>(phase.steps());
                steps.add(step);
                phases.set(i, new Phase(phase.id(), phase.name(), phase.strategy(), steps));
                return new Plan(plan.name(), phases, plan.interrupted(), plan.errors());
            }
        }
        int after = phases.isEmpty() || !phases.get(0).name().equals(SEEDS_PHASE) ? 0 : 1;
        phases.add(after, Phase.of(PLAN, NODES_PHASE, SerialStrategy.INSTANCE, List.of(step)));
        return new Plan(plan.name(), phases, plan.interrupted(), plan.errors());
    }

    /**
     * {@code plan} without its {@value #DECOMMISSION_PHASE} phase: a refused scale-in keeps those nodes, so they go back
     * to the {@value #NODES_PHASE} phase as nodes that serve (COMPLETE with their task, {@code taskIds}), and a task of
     * theirs that dies is relaunched as any node's.
     */
    public static Plan keepingLeaving(
            Plan plan, java.util.Map<String, java.util.Optional<String>> taskIds, String why) {
        Plan next = new Plan(
                plan.name(),
                plan.phases().stream()
                        .filter(phase -> !phase.name().equals(DECOMMISSION_PHASE))
                        .toList(),
                plan.interrupted(),
                plan.errors());
        List<String> leaving = plan.phases().stream()
                .filter(phase -> phase.name().equals(DECOMMISSION_PHASE))
                .flatMap(phase -> phase.steps().stream())
                .map(Step::node)
                .sorted(java.util.Comparator.comparingInt(NodesConfig::nodeIndex))
                .toList();
        for (String node : leaving) {
            next = withNode(next, node, why);
            Step added = next.steps()
                    .filter(s -> s.node().equals(node) && s.goal() == Step.Goal.RUNNING_AND_READY)
                    .findFirst()
                    .orElseThrow();
            next = next.with(StepTransitions.kept(added, taskIds.getOrDefault(node, java.util.Optional.empty()), why));
        }
        return next;
    }

    private static List<Step> steps(String phase, int from, int to) {
        List<Step> steps = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            String node = NodesConfig.nodeName(i);
            steps.add(Step.pending(PLAN, phase, node, node, Step.Goal.RUNNING_AND_READY));
        }
        return steps;
    }
}

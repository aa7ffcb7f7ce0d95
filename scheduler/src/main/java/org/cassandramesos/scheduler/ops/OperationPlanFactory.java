package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.plan.ParallelStrategy;
import org.cassandramesos.scheduler.plan.Phase;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.SerialStrategy;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.Strategy;

/**
 * An operation's plan: one phase named after the operation, one step per node. Repair, cleanup and
 * upgradesstables go one node at a time (each loads the node, and a repair involves its replicas); backup
 * and restore run on every node at once, so the snapshots are taken close together.
 */
public final class OperationPlanFactory {
    private OperationPlanFactory() {}

    public static Plan create(Operation operation) {
        String plan = operation.planName();
        List<Step> steps = operation.nodes().stream()
                .map(node -> Step.pending(plan, plan, node, node, Step.Goal.FINISHED))
                .toList();
        return new Plan(plan, List.of(Phase.of(plan, plan, strategy(operation.kind()), steps)), false, List.of());
    }

    public static Strategy strategy(JobKind kind) {
        return kind.needsBackupTarget() ? ParallelStrategy.INSTANCE : SerialStrategy.INSTANCE;
    }

    /** Whether {@code name} names an operation plan. */
    public static boolean isOperationPlan(String name) {
        return Optional.ofNullable(name)
                .map(n -> {
                    try {
                        return JobKind.fromWire(n).wireName().equals(n);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .orElse(false);
    }
}

package org.cassandramesos.scheduler.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Rolling a new target config out through the {@code deploy} plan, as dcos-commons does: a node whose task was built
 * from another config than the target gets its step back (PENDING, "config update"); the plan's serial strategy then
 * takes the nodes one at a time, and each one is drained (its task killed: the executor drains Cassandra) and
 * relaunched on its own reservation and volume with a TaskInfo built from the target config. Pure: the caller reads
 * the nodes' state, sends the kills and persists the plan.
 *
 * <p>Never more than one node down: a node is only drained while every other placed node serves (its step COMPLETE,
 * or waiting for its own update with its task running) and none is stopped by an operator.
 */
public final class ConfigRollout {
    private ConfigRollout() {}

    /**
     * What the rollout needs to know of one node.
     *
     * @param placed           the node has a task on record (it was launched at least once)
     * @param taskAlive        that task has not ended (it holds the node's reservation)
     * @param running          its latest status is TASK_RUNNING
     * @param configId         the config its task was built from (the task's {@code config_id} label)
     * @param heldByOperator   stopped, being destroyed or destroyed by an operator
     * @param hasReservation   it relaunches in place (not being replaced elsewhere)
     * @param taskId           its latest task
     */
    public record NodeState(
            boolean placed,
            boolean taskAlive,
            boolean running,
            Optional<UUID> configId,
            boolean heldByOperator,
            boolean hasReservation,
            Optional<String> taskId) {

        public NodeState {
            configId = configId == null ? Optional.empty() : configId;
            taskId = taskId == null ? Optional.empty() : taskId;
        }

        public NodeState(
                boolean placed,
                boolean taskAlive,
                boolean running,
                Optional<UUID> configId,
                boolean heldByOperator,
                boolean hasReservation) {
            this(placed, taskAlive, running, configId, heldByOperator, hasReservation, Optional.empty());
        }

        /** Its latest task was built from another config than {@code target}. */
        boolean builtFromOther(UUID target) {
            return placed && !configId.map(target::equals).orElse(false);
        }

        /** Its running task was built from another config than {@code target}. */
        boolean runsStaleConfig(UUID target) {
            return taskAlive && builtFromOther(target);
        }
    }

    /** What to do now. */
    public sealed interface Decision {}

    /** Nothing to drain now. */
    public record Nothing() implements Decision {}

    /** Drain {@code node} (kill its task) so it relaunches with the target config. */
    public record Drain(String node, String why) implements Decision {}

    /** {@code node} is next but must wait: {@code why} goes into its step's message. */
    public record Wait(String node, String why) implements Decision {}

    /**
     * The deploy plan for {@code target}: a step back for every node whose task was built from another config
     * ({@link #staleNodes}; its step goes PENDING, {@link StepTransitions#configUpdate}), and done for every node
     * whose step waits while its task already runs the target (an update replaced by a config the node still runs,
     * e.g. the operator undid a change a node could not start with).
     */
    public static Plan markStale(Plan deploy, Map<String, NodeState> nodes, UUID target) {
        Plan next = deploy;
        for (String node : staleNodes(deploy, nodes, target)) {
            Step step =
                    next.steps().filter(s -> s.node().equals(node)).findFirst().orElseThrow();
            next = next.with(StepTransitions.configUpdate(step, nodes.get(node).configId(), target));
        }
        for (Step step : next.steps().toList()) {
            NodeState node = nodes.get(step.node());
            if (node != null
                    && step.goal() != Step.Goal.REMOVED
                    && step.status().isEligible()
                    && !node.heldByOperator()
                    && node.taskAlive()
                    && node.running()
                    && !node.builtFromOther(target)
                    && node.taskId().isPresent()) {
                next = next.with(StepTransitions.runsTarget(step, node.taskId().get(), target));
            }
        }
        return next;
    }

    /**
     * The nodes an update to {@code target} relaunches, in plan order: a COMPLETE step whose live task runs another
     * config, and an ERROR step whose last task ran another config (a node the previous update could not bring back:
     * a new target is a new attempt; the same target after a restart is not). Steps in flight or pending are left as
     * they are, and so are nodes held by an operator: a stopped node keeps its config until it is started again, and
     * a node never placed launches with the target anyway.
     */
    public static List<String> staleNodes(Plan deploy, Map<String, NodeState> nodes, UUID target) {
        List<String> stale = new ArrayList<>();
        deploy.steps().forEach(step -> {
            NodeState node = nodes.get(step.node());
            if (node == null
                    || step.goal() == Step.Goal.REMOVED // leaving the cluster: not relaunched for an update
                    || node.heldByOperator()
                    || !node.builtFromOther(target)) {
                return;
            }
            if (step.isComplete() && node.taskAlive() || step.status() == Status.ERROR) {
                stale.add(step.node());
            }
        });
        return stale;
    }

    /**
     * Whether to drain the plan's next node now. Only a step the plan's strategy offers (none while the plan is
     * interrupted or blocked by config errors) whose node still runs a stale task on its own reservation is drained,
     * and only while no other node is down.
     */
    public static Decision next(Plan deploy, Instant now, Map<String, NodeState> nodes, UUID target) {
        for (Step candidate : deploy.candidates(now)) {
            NodeState node = nodes.get(candidate.node());
            if (node == null || node.heldByOperator() || !node.hasReservation() || !node.runsStaleConfig(target)) {
                continue;
            }
            Optional<String> down = otherNodeDown(deploy, candidate.node(), nodes);
            if (down.isPresent()) {
                return new Wait(
                        candidate.node(),
                        "config update waits: " + down.get()
                                + " is not serving, and an update never takes a second node down");
            }
            return new Drain(
                    candidate.node(),
                    "config update: draining " + candidate.node() + " to relaunch it with config " + target);
        }
        return new Nothing();
    }

    private static Optional<String> otherNodeDown(Plan deploy, String except, Map<String, NodeState> nodes) {
        for (Step step : deploy.steps().toList()) {
            NodeState node = nodes.get(step.node());
            if (step.node().equals(except) || node == null || !node.placed()) {
                continue; // never launched: not part of the ring yet
            }
            if (node.heldByOperator()) {
                if (node.taskAlive()) {
                    return Optional.of(step.node() + " (stopped by an operator)");
                }
                continue; // destroyed: it has left the ring
            }
            boolean serving = node.taskAlive()
                    && node.running()
                    && (step.isComplete() || step.status().isEligible());
            if (!serving) {
                return Optional.of(step.node());
            }
        }
        return Optional.empty();
    }
}

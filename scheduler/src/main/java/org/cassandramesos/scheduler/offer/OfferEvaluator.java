package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.scheduler.config.ServiceConfig;

/**
 * Decides whether one offer fits one pending node, and how to take it. Pure: no I/O, no clock, no
 * state; the caller records the result and sends the ACCEPT. Cheap checks come first (placement,
 * then resources), and protos are only built for a fit, because it runs on every offer.
 */
public final class OfferEvaluator {
    private final String role;
    private final String principal;
    private final List<PlacementConstraint> constraints;
    private final String rackAttribute;
    private final String defaultRack;
    private final FirstLaunchMatcher firstLaunch;
    private final RelaunchMatcher relaunch;
    private final TaskInfoFactory tasks;

    public OfferEvaluator(ServiceConfig config) {
        this(config, TaskInfoFactory.DEFAULT_EXECUTOR_SHUTDOWN_GRACE);
    }

    /** @param executorShutdownGrace every executor's {@code shutdown_grace_period} (the scheduler's kill grace) */
    public OfferEvaluator(ServiceConfig config, java.time.Duration executorShutdownGrace) {
        this.role = config.role();
        this.principal = config.principal();
        this.constraints = PlacementConstraints.parse(config.placement().constraints());
        this.rackAttribute = config.placement().rackAttribute();
        this.defaultRack = config.placement().defaultRack();
        this.firstLaunch = new FirstLaunchMatcher(role, principal);
        this.relaunch = new RelaunchMatcher(principal);
        this.tasks = new TaskInfoFactory(config, executorShutdownGrace);
    }

    /** Sorts an offer's resources for evaluation; do it once per offer when trying several nodes. */
    public OfferResources read(Offer offer) {
        return OfferResources.of(offer, role, principal);
    }

    /**
     * Folds the node's placement facts in once; evaluate the prepared node against every offer of a
     * round instead of preparing it per offer.
     */
    public PreparedNode prepare(PendingNode node) {
        AgentCheck placement = node.reservation().isPresent()
                ? AgentCheck.ANY // relaunch in place: the reservation decides where; constraints held at placement
                : PlacementConstraints.against(constraints, node.placed());
        return new PreparedNode(node, placement);
    }

    public Evaluation evaluate(PendingNode node, Offer offer) {
        return evaluate(prepare(node), read(offer));
    }

    public Evaluation evaluate(PendingNode node, OfferResources offer) {
        return evaluate(prepare(node), offer);
    }

    public Evaluation evaluate(PreparedNode prepared, OfferResources offer) {
        PendingNode node = prepared.node();
        AgentFacts agent = offer.agent();
        Offer raw = offer.offer();
        MatchedResources.Result result;
        if (node.reservation().isPresent()) {
            result =
                    relaunch.match(node.requirement(), offer, node.reservation().get());
        } else {
            Optional<String> violation = prepared.placement().violation(agent);
            if (violation.isPresent()) {
                return new Evaluation.Rejection(
                        node.nodeName(), raw.getId(), violation.get(), Evaluation.Cause.PLACEMENT);
            }
            result = firstLaunch.match(node.requirement(), offer);
        }
        if (result.matched() == null) {
            return new Evaluation.Rejection(node.nodeName(), raw.getId(), result.reason(), Evaluation.Cause.RESOURCES);
        }
        MatchedResources matched = result.matched();
        String rack = rackOf(agent);
        TaskInfo task = tasks.build(node.requirement(), node.context(), agent, rack, matched);
        List<Operation> operations = new ArrayList<>(matched.preparation().size() + 1);
        operations.addAll(matched.preparation());
        operations.add(Operation.newBuilder()
                .setType(Operation.Type.LAUNCH)
                .setLaunch(Operation.Launch.newBuilder().addTaskInfos(task))
                .build());
        return new Evaluation.Recommendation(
                node.nodeName(),
                raw.getId(),
                operations,
                task,
                agent,
                rack,
                matched.reservation(),
                node.reservation().isEmpty());
    }

    /** A pending node with its placement check computed, ready for many offers. */
    public record PreparedNode(PendingNode node, AgentCheck placement) {}

    /** The Cassandra rack of an agent: the configured attribute's value, else the default rack. */
    public String rackOf(AgentFacts agent) {
        if (rackAttribute.isEmpty()) {
            return defaultRack;
        }
        String value = agent.field(rackAttribute);
        return value == null || value.isEmpty() ? defaultRack : value;
    }
}

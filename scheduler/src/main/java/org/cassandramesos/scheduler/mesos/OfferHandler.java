package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.scheduler.metrics.OfferMetrics;
import org.cassandramesos.scheduler.offer.Evaluation;
import org.cassandramesos.scheduler.offer.Leftovers;
import org.cassandramesos.scheduler.offer.OfferEvaluator;
import org.cassandramesos.scheduler.offer.OfferResources;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of offers: each candidate step of the plan gets the first offer that fits its node (an
 * offer serves at most one node per round, since resources are not tracked between nodes); a fit is
 * recorded (task, node record, step) before its ACCEPT goes out. Offers left over release our
 * reservations nobody claims, or are declined.
 */
final class OfferHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OfferHandler.class);

    private final OfferEvaluator evaluator;
    private final PendingNodes pendingNodes;
    private final TaskStore tasks;
    private final DeployPlanManager plans;
    private final Supplier<UUID> configId;
    private final MesosSettings settings;
    /** resource_ids of destroyed nodes whose reservation has not come back in an offer to be released yet. */
    private final Set<String> releasing;

    private final OfferMetrics metrics;

    OfferHandler(
            OfferEvaluator evaluator,
            PendingNodes pendingNodes,
            TaskStore tasks,
            DeployPlanManager plans,
            Supplier<UUID> configId,
            MesosSettings settings,
            Set<String> releasing,
            OfferMetrics metrics) {
        this.releasing = releasing;
        this.metrics = metrics;
        this.evaluator = evaluator;
        this.pendingNodes = pendingNodes;
        this.tasks = tasks;
        this.plans = plans;
        this.configId = configId;
        this.settings = settings;
    }

    /** Not ready to act (state store away, or not reconciled): decline everything briefly. */
    void declineAll(Mesos mesos, List<Offer> offers) {
        if (!offers.isEmpty()) {
            metrics.received(offers.size());
            metrics.declined(OfferMetrics.Decline.NOT_READY, offers.size());
            Calling.send(mesos, Calls.decline(ids(offers), settings.refuseShort()));
        }
    }

    void handle(Mesos mesos, List<Offer> offers, Instant now) {
        metrics.received(offers.size());
        boolean unplaced = false;
        var nodes = NodeStates.read(tasks, plans.deploy());
        List<Step> candidates = Candidates.of(
                plans.deploy(),
                now,
                node -> NodeStates.relaunchable(nodes.get(node)),
                node -> NodeStates.holdsItsReservation(nodes.get(node)));
        List<OfferResources> remaining = new ArrayList<>(offers.size());
        offers.forEach(offer -> remaining.add(evaluator.read(offer)));

        for (Step step : candidates) {
            if (remaining.isEmpty()) {
                break;
            }
            OfferEvaluator.PreparedNode prepared =
                    evaluator.prepare(pendingNodes.of(step.node(), mesos.frameworkId(), configId.get()));
            Optional<String> avoided = pendingNodes.avoidedHost(step.node());
            Optional<String> lastReason = Optional.empty();
            Evaluation.Recommendation fit = null;
            for (Iterator<OfferResources> it = remaining.iterator(); it.hasNext(); ) {
                OfferResources offer = it.next();
                if (avoided.isPresent() && avoided.get().equals(offer.agent().hostname())) {
                    lastReason = Optional.of("being replaced: not going back to its old agent " + avoided.get());
                    metrics.rejected(OfferMetrics.Rejection.REPLACING);
                    continue;
                }
                Evaluation evaluation = evaluator.evaluate(prepared, offer);
                if (evaluation instanceof Evaluation.Recommendation recommendation) {
                    fit = recommendation;
                    it.remove();
                    break;
                }
                Evaluation.Rejection rejection = (Evaluation.Rejection) evaluation;
                metrics.rejected(
                        rejection.cause() == Evaluation.Cause.PLACEMENT
                                ? OfferMetrics.Rejection.PLACEMENT
                                : OfferMetrics.Rejection.RESOURCES);
                lastReason = Optional.of(rejection.reason());
            }
            if (fit != null) {
                launch(mesos, step, fit);
            } else {
                unplaced = true;
                String reason = lastReason.orElseThrow();
                plans.updateStepOf(step.node(), s -> StepTransitions.declined(s, reason));
            }
        }
        releaseOrDecline(mesos, remaining, candidates.isEmpty(), unplaced);
    }

    private void launch(Mesos mesos, Step step, Evaluation.Recommendation fit) {
        NodeRecord record = NodeRecord.launching(fit, pendingNodes.replaceAddress(step.node()));
        tasks.storeLaunch(fit.task(), record);
        plans.updateStepOf(
                step.node(), s -> StepTransitions.launched(s, fit.task().getTaskId()));
        LOG.info(
                "launching {} as {} on {} ({})",
                step.node(),
                fit.task().getTaskId().getValue(),
                fit.agent().hostname(),
                fit.firstLaunch() ? "reserve, create volume, launch" : "relaunch in place");
        metrics.accepted(OfferMetrics.Accept.LAUNCH);
        Calling.send(mesos, Calls.accept(List.of(fit.offerId()), fit.operations(), settings.refuseShort()));
    }

    /** @param unplaced a node looked for an offer in this round and found none that fits */
    private void releaseOrDecline(
            Mesos mesos, List<OfferResources> remaining, boolean nothingPending, boolean unplaced) {
        if (remaining.isEmpty()) {
            return;
        }
        Set<String> known = tasks.knownResourceIds();
        List<OfferID> decline = new ArrayList<>();
        for (OfferResources offer : remaining) {
            var release = Leftovers.release(offer, known);
            if (release.isEmpty()) {
                decline.add(offer.offer().getId());
            } else {
                LOG.info(
                        "releasing reservations nobody claims on {}",
                        offer.agent().hostname());
                releasing.removeAll(offer.ownReservations().keySet());
                metrics.accepted(OfferMetrics.Accept.RELEASE);
                Calling.send(mesos, Calls.accept(List.of(offer.offer().getId()), release, settings.refuseShort()));
            }
        }
        if (!decline.isEmpty()) {
            // a destroyed node's reservation comes back once its task is gone: a long filter would hide it that long
            Duration refuse = nothingPending && releasing.isEmpty() ? settings.refuseLong() : settings.refuseShort();
            metrics.declined(unplaced ? OfferMetrics.Decline.NO_FIT : OfferMetrics.Decline.UNNEEDED, decline.size());
            Calling.send(mesos, Calls.decline(decline, refuse));
        }
    }

    private static List<OfferID> ids(List<Offer> offers) {
        return offers.stream().map(Offer::getId).toList();
    }
}

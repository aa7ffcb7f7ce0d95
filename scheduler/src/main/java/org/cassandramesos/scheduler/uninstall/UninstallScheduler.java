package org.cassandramesos.scheduler.uninstall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.scheduler.mesos.Calling;
import org.cassandramesos.scheduler.mesos.MesosSettings;
import org.cassandramesos.scheduler.mesos.NodeRecovery;
import org.cassandramesos.scheduler.offer.OfferResources;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mesos side of an uninstalling scheduler: kills every task of the inventory, shuts its executor down once the
 * task ended, releases every reservation of the role from each offer ({@link UninstallOffers}), and when the plan says
 * so ({@link UninstallTransitions#readyToDeregister}) deletes the state and sends TEARDOWN. Launches nothing. Events
 * and ticks are serialised on this object.
 */
public final class UninstallScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(UninstallScheduler.class);

    /** Deletes the service's ZooKeeper root; called once, right before TEARDOWN. */
    @FunctionalInterface
    public interface StateDeletion {
        void deleteAll();
    }

    private final Inventory inventory;
    private final UninstallPlans plans;
    private final String role;
    private final String principal;
    private final MesosSettings settings;
    private final Clock clock;
    private final StateDeletion state;
    /** node → when its task was last seen ended (its executor was told to shut down then). */
    private final Map<String, Instant> ended = new HashMap<>();
    /** node → when its KILL was last sent. */
    private final Map<String, Instant> killed = new HashMap<>();

    private Mesos mesos;
    private boolean deregistered;

    public UninstallScheduler(
            Inventory inventory,
            UninstallPlans plans,
            String role,
            String principal,
            MesosSettings settings,
            Clock clock,
            StateDeletion state) {
        this.inventory = inventory;
        this.plans = plans;
        this.role = role;
        this.principal = principal;
        this.settings = settings;
        this.clock = clock;
        this.state = state;
    }

    @Override
    public synchronized void subscribed(Mesos mesos, Event.Subscribed event) {
        this.mesos = mesos;
        LOG.info(
                "uninstalling: subscribed as {}; killing {} task(s), then releasing {} reservation(s) of role {}",
                event.getFrameworkId().getValue(),
                inventory.tasks().size(),
                inventory.reservations().size(),
                role);
        // offers may have been suppressed by the deploying scheduler: every reservation must come back
        Calling.send(mesos, Calls.revive(List.of(role)));
        tickLocked(clock.instant());
    }

    @Override
    public synchronized void received(Mesos mesos, Event event) {
        this.mesos = mesos;
        switch (event.getType()) {
            case OFFERS -> onOffers(event.getOffers().getOffersList());
            case UPDATE -> onUpdate(event.getUpdate().getStatus());
            case FAILURE -> onFailure(event.getFailure());
            case ERROR ->
                LOG.error(
                        "master error while uninstalling: {}", event.getError().getMessage());
            default -> LOG.debug("ignoring {}", event.getType());
        }
    }

    @Override
    public synchronized void disconnected() {
        mesos = null;
    }

    /**
     * Periodic work: (re-)sends KILLs, assumes an executor gone when its exit was never reported, deregisters when the
     * plan is ready.
     *
     * @return true once the framework was torn down (the subscription must end now)
     */
    public synchronized boolean tick() {
        return tickLocked(clock.instant());
    }

    private boolean tickLocked(Instant now) {
        if (deregistered) {
            return true;
        }
        if (mesos == null) {
            return false;
        }
        Plan plan = plans.current();
        for (Map.Entry<String, TaskInfo> entry : inventory.tasks().entrySet()) {
            String node = entry.getKey();
            Optional<Step> step = killStep(plan, node);
            if (step.isEmpty() || step.get().isComplete()) {
                continue;
            }
            TaskInfo task = entry.getValue();
            Instant endedAt = ended.get(node);
            if (endedAt == null) {
                Instant last = killed.get(node);
                if (last == null || !now.isBefore(last.plus(retryAfter()))) {
                    // a task the master no longer knows is answered by reconciliation (TASK_LOST/GONE)
                    Calling.send(mesos, Calls.kill(task.getTaskId(), task.getAgentId(), settings.killGrace()));
                    killed.put(node, now);
                    plans.update(p -> UninstallTransitions.killSent(
                            p, node, task.getTaskId().getValue()));
                }
            } else if (!now.isBefore(endedAt.plus(retryAfter()))) {
                // the master reports an executor's exit (FAILURE); one already gone before we asked never is
                LOG.warn(
                        "{}: no exit reported for executor {} within {}; taking it as gone",
                        node,
                        task.getExecutor().getExecutorId().getValue(),
                        retryAfter());
                plans.update(p -> UninstallTransitions.executorGone(
                        p, node, "exit not reported within " + retryAfter().toSeconds() + "s of its shutdown"));
            }
        }
        if (UninstallTransitions.readyToDeregister(plans.current())) {
            deregister();
        }
        return deregistered;
    }

    /** As dcos-commons: the state goes first (a restart then finds nothing to do), then the framework. */
    private void deregister() {
        String frameworkId = mesos.frameworkId().getValue();
        plans.stopPersisting();
        state.deleteAll();
        if (!Calling.send(mesos, Calls.teardown())) {
            LOG.warn("TEARDOWN of {} not delivered; retrying at the next tick", frameworkId);
            return;
        }
        plans.update(p -> UninstallTransitions.deregistered(p, frameworkId));
        deregistered = true;
        LOG.info("uninstall complete: ZooKeeper state deleted, framework {} torn down", frameworkId);
    }

    private void onOffers(List<Offer> offers) {
        List<OfferID> decline = new java.util.ArrayList<>();
        for (Offer offer : offers) {
            UninstallOffers.Decision decision = UninstallOffers.decide(OfferResources.of(offer, role, principal));
            if (!decision.releases()) {
                decline.add(offer.getId());
                continue;
            }
            LOG.info("releasing reservations {} on {}", decision.resourceIds(), offer.getHostname());
            if (Calling.send(
                    mesos, Calls.accept(List.of(offer.getId()), decision.operations(), settings.refuseShort()))) {
                plans.update(p -> UninstallTransitions.released(p, decision.resourceIds(), offer.getHostname()));
            }
        }
        if (!decline.isEmpty()) {
            // short: a killed node's reservation comes back in the next offers of that agent
            Calling.send(mesos, Calls.decline(decline, settings.refuseShort()));
        }
    }

    private void onUpdate(TaskStatus status) {
        if (status.hasUuid()) {
            Calling.send(mesos, Calls.acknowledge(status));
        }
        if (!NodeRecovery.isTerminal(status.getState())) {
            return;
        }
        inventory.tasks().forEach((node, task) -> {
            if (task.getTaskId().equals(status.getTaskId()) && !ended.containsKey(node)) {
                ended.put(node, clock.instant());
                Calling.send(mesos, Calls.shutdown(task.getExecutor().getExecutorId(), task.getAgentId()));
                plans.update(p -> UninstallTransitions.taskEnded(
                        p, node, status.getState().name()));
            }
        });
    }

    private void onFailure(Event.Failure failure) {
        if (!failure.hasExecutorId()) {
            return;
        }
        inventory
                .nodeOfExecutor(failure.getExecutorId().getValue())
                .filter(ended::containsKey)
                .ifPresent(node -> plans.update(p -> UninstallTransitions.executorGone(p, node, "executor exited")));
    }

    private Duration retryAfter() {
        return settings.killGrace().multipliedBy(2).plusSeconds(5);
    }

    private static Optional<Step> killStep(Plan plan, String node) {
        return plan.phases().stream()
                .filter(p -> p.name().equals(UninstallPlanFactory.KILL_PHASE))
                .flatMap(p -> p.steps().stream())
                .filter(s -> s.name().equals(node))
                .findFirst();
    }
}

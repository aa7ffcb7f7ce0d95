package org.cassandramesos.scheduler.mesos;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.OfferEvaluator;
import org.cassandramesos.scheduler.plan.ConfigRollout;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.LaunchTimeouts;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.secrets.ExecutorSecrets;
import org.cassandramesos.scheduler.secrets.SecretsExchange;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.PersisterException;
import org.cassandramesos.scheduler.state.StateAvailability;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's side of the Mesos conversation. On SUBSCRIBED it persists the framework id, then
 * reconciles every task it believes alive and launches nothing until that is done. Events, the
 * periodic {@link #tick} and operator actions are serialised on this object, so the stores, the plan
 * and the calls sent always agree with each other.
 *
 * <p>While ZooKeeper is away ({@link StateAvailability}) it decides nothing: offers are declined, status updates are
 * left unacknowledged (the agents send them again), the periodic work waits. When ZooKeeper is back it catches up
 * before acting again: it stores a framework id it could not store, reads the tasks afresh and reconciles them, since
 * the master's own updates that arrived meanwhile are never sent again.
 */
public final class CassandraScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraScheduler.class);

    private final FrameworkStore frameworks;
    private final TaskStore tasks;
    private final DeployPlanManager plans;
    private final StateConnection state;
    private final OfferHandler offers;
    private final StatusHandler statuses;
    private final NodeRecovery recovery;
    private final OfferSuppression suppression;
    private final MesosSettings settings;
    private final Clock clock;
    private final Reconciler reconciler;
    private final SecretsExchange secrets;
    /** resource_ids of destroyed nodes still to be released: offers keep coming until they are. */
    private final Set<String> releasing;

    private final RetryPolicy retry;
    /** The target config's id: a node whose task runs another config is rolled over to it ({@link ConfigRollout}). */
    private final Supplier<UUID> configId;
    /** Kills sent to drain a node for a config update, by task id, and when (a lost kill is sent again). */
    private final Map<String, Instant> drainKills = new HashMap<>();
    /** When this scheduler first saw each STARTING step's task (its launch, or the start of this process). */
    private final Map<String, Instant> startingSince = new HashMap<>();

    private Mesos mesos;
    private volatile boolean subscribed;
    /**
     * Cleared when the ZooKeeper connection is lost (by the connection's listener, without the lock) and on every
     * subscription; set again once {@link #catchUp} has read the state afresh and restarted reconciliation.
     */
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    /** The framework id of the latest SUBSCRIBED, until it is stored. */
    private FrameworkID unstoredFrameworkId;
    /** When the current subscription began and how many tasks it reconciles, for the "reconciled" line. */
    private Instant subscribedAt = Instant.MIN;

    private int reconciling;
    /** A drain's kill not answered by the task's end within the kill grace and this long is sent again. */
    private static final java.time.Duration DRAIN_RESEND = java.time.Duration.ofSeconds(30);

    private static final java.time.Duration RECALL_INTERVAL = java.time.Duration.ofSeconds(5);
    /** When the live executors were last asked for the cluster's secrets. */
    private Instant lastRecall;

    CassandraScheduler(
            FrameworkStore frameworks,
            TaskStore tasks,
            DeployPlanManager plans,
            StateConnection state,
            OfferHandler offers,
            StatusHandler statuses,
            NodeRecovery recovery,
            OfferSuppression suppression,
            MesosSettings settings,
            Clock clock,
            Set<String> releasing,
            SecretsExchange secrets,
            RetryPolicy retry,
            Supplier<UUID> configId) {
        this.configId = configId;
        this.releasing = releasing;
        this.retry = retry;
        this.secrets = secrets;
        this.frameworks = frameworks;
        this.tasks = tasks;
        this.plans = plans;
        this.state = state;
        this.offers = offers;
        this.statuses = statuses;
        this.recovery = recovery;
        this.suppression = suppression;
        this.settings = settings;
        this.clock = clock;
        this.reconciler = settings.newReconciler();
        state.addListener(connected -> {
            if (!connected) {
                caughtUp.set(false);
            }
        });
    }

    /**
     * Assembles the scheduler and its handlers for the target {@code config}; executors asking for their secrets get
     * {@code executorSecrets} (docs/secrets.md).
     */
    public static CassandraScheduler create(
            ServiceConfig config,
            FrameworkStore frameworks,
            TaskStore tasks,
            DeployPlanManager plans,
            StateConnection state,
            Supplier<UUID> configId,
            MesosSettings settings,
            Clock clock,
            ExecutorSecrets executorSecrets) {
        return create(
                config,
                frameworks,
                tasks,
                plans,
                state,
                configId,
                settings,
                clock,
                executorSecrets,
                new org.cassandramesos.scheduler.metrics.SchedulerMetrics().offers());
    }

    /** As above, counting what becomes of each offer in {@code offerMetrics}. */
    public static CassandraScheduler create(
            ServiceConfig config,
            FrameworkStore frameworks,
            TaskStore tasks,
            DeployPlanManager plans,
            StateConnection state,
            Supplier<UUID> configId,
            MesosSettings settings,
            Clock clock,
            ExecutorSecrets executorSecrets,
            org.cassandramesos.scheduler.metrics.OfferMetrics offerMetrics) {
        NodeRecovery recovery = new NodeRecovery(config.agentGoneGrace(), config.nodes()::isSeed);
        Set<String> releasing = ConcurrentHashMap.newKeySet();
        OfferHandler offers = new OfferHandler(
                new OfferEvaluator(config, settings.killGrace()),
                new PendingNodes(config, tasks),
                tasks,
                plans,
                configId,
                settings,
                releasing,
                offerMetrics);
        StatusHandler statuses = new StatusHandler(tasks, plans, recovery, config.retry(), settings.killGrace());
        return new CassandraScheduler(
                frameworks,
                tasks,
                plans,
                state,
                offers,
                statuses,
                recovery,
                new OfferSuppression(config.role()),
                settings,
                clock,
                releasing,
                new SecretsExchange(tasks, executorSecrets),
                config.retry(),
                configId);
    }

    @Override
    public synchronized void subscribed(Mesos mesos, Event.Subscribed event) {
        this.mesos = mesos;
        this.subscribed = true;
        suppression.subscribed();
        // first thing before acting: without the framework id a restarted scheduler orphans every task and reservation
        unstoredFrameworkId = event.getFrameworkId();
        caughtUp.set(false);
        subscribedAt = clock.instant();
        LOG.info("subscribed as {}", event.getFrameworkId().getValue());
        try {
            tickLocked(clock.instant());
        } catch (PersisterException e) {
            LOG.warn(
                    "subscribed as {}, but the state store failed: {}; acting once it is back",
                    event.getFrameworkId().getValue(),
                    e.getMessage());
        }
    }

    /**
     * Brings this scheduler up to date after a subscription or a ZooKeeper outage: stores the framework id if it is
     * not yet, reads the tasks afresh and reconciles every one it believes alive, launching nothing until that is done.
     * Changes nothing if the state store fails on the way (the next tick tries again).
     */
    private void catchUp() {
        // set first: a connection lost while reading clears it again, so that the next tick catches up once more
        caughtUp.set(true);
        try {
            if (unstoredFrameworkId != null) {
                frameworks.store(unstoredFrameworkId);
                unstoredFrameworkId = null;
            }
            Map<TaskID, AgentID> alive = nonTerminalTasks();
            reconciler.start(alive);
            reconciling = alive.size();
            LOG.info("state read from ZooKeeper; reconciling {} task(s) before launching anything", alive.size());
        } catch (PersisterException e) {
            caughtUp.set(false);
            throw e;
        }
    }

    /** What the state store allows now. */
    private StateAvailability availability() {
        return StateAvailability.of(state.isConnected(), caughtUp.get());
    }

    @Override
    public synchronized void received(Mesos mesos, Event event) {
        this.mesos = mesos;
        Instant now = clock.instant();
        try {
            switch (event.getType()) {
                case OFFERS -> onOffers(event.getOffers().getOffersList(), now);
                case UPDATE -> onUpdate(event.getUpdate().getStatus(), now);
                case RESCIND ->
                    LOG.debug(
                            "offer {} rescinded",
                            event.getRescind().getOfferId().getValue());
                case FAILURE -> onFailure(event.getFailure());
                case MESSAGE -> onMessage(event.getMessage());
                case ERROR -> LOG.error("master error: {}", event.getError().getMessage());
                default -> LOG.debug("ignoring {}", event.getType());
            }
        } catch (PersisterException e) {
            // state store unavailable: nothing acted on, nothing acknowledged; Mesos resends updates
            LOG.warn("{} not handled, state store failed: {}", event.getType(), e.getMessage());
        }
    }

    @Override
    public synchronized void disconnected() {
        subscribed = false;
        mesos = null;
        LOG.warn("disconnected from the master; acting on nothing until subscribed again");
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    public synchronized boolean isReconciled() {
        return subscribed && reconciler.isReconciled();
    }

    /** Periodic work: reconciliation calls, agents gone past their grace, offer suppression. */
    public synchronized void tick() {
        try {
            tickLocked(clock.instant());
        } catch (PersisterException e) {
            LOG.warn("tick skipped, state store failed: {}", e.getMessage());
        }
    }

    private void tickLocked(Instant now) {
        if (!subscribed || mesos == null) {
            return;
        }
        if (availability() == StateAvailability.CATCHING_UP) {
            catchUp();
        }
        if (!availability().mayAct()) {
            return;
        }
        boolean wasReconciled = reconciler.isReconciled();
        reconciler.poll(now).ifPresent(call -> Calling.send(mesos, call));
        if (!wasReconciled && reconciler.isReconciled()) {
            // a scheduler failover is over here: the leader knows every task's state
            // (bench/results/scheduler-failover.md)
            LOG.info(
                    "RECONCILED: all {} task(s) answered {} ms after subscribing ({} explicit round(s)); acting on "
                            + "offers now",
                    reconciling,
                    java.time.Duration.between(subscribedAt, now).toMillis(),
                    reconciler.rounds());
        }
        for (String node : recovery.expired(now)) {
            if (stillUnreachable(node)) {
                replaceLocked(node, "agent unreachable for longer than the grace period");
            }
        }
        expireSilentLaunches(now);
        rollOutConfig(now);
        recallSecrets(now);
        Map<String, ConfigRollout.NodeState> nodes = NodeStates.read(tasks, plans.deploy());
        boolean pending = !Candidates.of(
                        plans.deploy(),
                        now,
                        node -> NodeStates.relaunchable(nodes.get(node)),
                        node -> NodeStates.holdsItsReservation(nodes.get(node)))
                .isEmpty();
        suppression.update(mesos, pending || !releasing.isEmpty() || !reconciler.isReconciled());
    }

    /**
     * A config update's next node ({@link ConfigRollout}): its task is killed (the executor drains Cassandra), and the
     * offer that brings its reservation back relaunches it with the target config. Only once reconciled, so the nodes'
     * states are known; a kill is sent again if the task still runs past the kill grace and {@link #DRAIN_RESEND}.
     */
    private void rollOutConfig(Instant now) {
        if (!reconciler.isReconciled()) {
            return;
        }
        Map<String, ConfigRollout.NodeState> nodes = NodeStates.read(tasks, plans.deploy());
        ConfigRollout.Decision decision = ConfigRollout.next(plans.deploy(), now, nodes, configId.get());
        if (decision instanceof ConfigRollout.Wait wait) {
            plans.updateStepOf(wait.node(), step -> StepTransitions.waiting(step, wait.why()));
        } else if (decision instanceof ConfigRollout.Drain drain) {
            TaskInfo task = tasks.taskInfo(drain.node()).orElseThrow();
            String taskId = task.getTaskId().getValue();
            Instant sent = drainKills.get(taskId);
            plans.updateStepOf(drain.node(), step -> StepTransitions.draining(step, drain.why()));
            if (sent == null || !now.isBefore(sent.plus(settings.killGrace()).plus(DRAIN_RESEND))) {
                LOG.info("{}: {}; killing {}", drain.node(), drain.why(), taskId);
                Calling.send(mesos, Calls.kill(task.getTaskId(), task.getAgentId(), settings.killGrace()));
                drainKills.put(taskId, now);
            }
        }
        if (!drainKills.isEmpty()) {
            // forget the kills of tasks that ended
            Set<String> live = new HashSet<>();
            nodes.forEach((node, state) -> {
                if (state.taskAlive()) {
                    tasks.taskInfo(node).ifPresent(t -> live.add(t.getTaskId().getValue()));
                }
            });
            drainKills.keySet().retainAll(live);
        }
    }

    /**
     * Deploy steps STARTING whose task has reported nothing within the launch timeout ({@link LaunchTimeouts}): the
     * attempt failed, the task is killed in case it exists after all. Only once reconciled: reconciliation is how a
     * lost launch is usually found out.
     */
    private void expireSilentLaunches(Instant now) {
        if (!reconciler.isReconciled()) {
            return;
        }
        Set<String> starting = new HashSet<>();
        for (Step step : plans.deploy().steps().toList()) {
            if (step.status() != Status.STARTING || step.taskId().isEmpty()) {
                continue;
            }
            String taskId = step.taskId().get();
            starting.add(taskId);
            Instant since = startingSince.computeIfAbsent(taskId, id -> now);
            boolean reported = tasks.taskStatus(step.node())
                    .map(s -> s.getTaskId().getValue().equals(taskId))
                    .orElse(false);
            LaunchTimeouts.expired(step, reported, since, settings.launchTimeout(), retry, now)
                    .ifPresent(next -> {
                        LOG.warn("{}: {}", step.node(), next.message());
                        tasks.taskInfo(step.node())
                                .filter(t -> t.getTaskId().getValue().equals(taskId))
                                .ifPresent(t -> Calling.send(
                                        mesos, Calls.kill(t.getTaskId(), t.getAgentId(), settings.killGrace())));
                        plans.updateStepOf(step.node(), s -> s.taskId().equals(step.taskId()) ? next : s);
                        starting.remove(taskId);
                    });
        }
        startingSince.keySet().retainAll(starting);
    }

    private void onOffers(List<org.apache.mesos.v1.Protos.Offer> list, Instant now) {
        if (!availability().mayUseOffers(reconciler.isReconciled())) {
            offers.declineAll(mesos, list);
            return;
        }
        offers.handle(mesos, list, now);
    }

    private void onUpdate(TaskStatus status, Instant now) {
        if (!availability().mayStoreUpdates()) {
            LOG.warn(
                    "ZooKeeper is not connected: {} {} not stored{}",
                    status.getTaskId().getValue(),
                    status.getState(),
                    status.hasUuid()
                            ? " and left unacknowledged (the agent sends it again)"
                            : " (the master's own update: reconciliation asks for it again once ZooKeeper is back)");
            return;
        }
        statuses.handle(mesos, status, now);
        // answered only once stored: an answer that could not be stored is asked for again
        reconciler.update(status);
        if (reconciler.phase() == Reconciler.Phase.IMPLICIT_DUE) {
            // the last explicit answer: finish reconciling now rather than at the next tick (up to a second later)
            tickLocked(now);
        }
    }

    /**
     * A restarted scheduler with generated secrets asks the live executors for them (docs/secrets.md), every few
     * seconds until one answers: framework messages are best effort.
     */
    private void recallSecrets(Instant now) {
        if (!secrets.recovering() || lastRecall != null && now.isBefore(lastRecall.plus(RECALL_INTERVAL))) {
            return; // held (the usual case): no task is read for it
        }
        List<Call> recalls = secrets.recalls(liveTasks());
        if (!recalls.isEmpty()) {
            LOG.info("recalling the cluster's secrets from {} live executor(s)", recalls.size());
            recalls.forEach(call -> Calling.send(mesos, call));
        }
        lastRecall = now;
    }

    /**
     * An executor asking for its secrets: answered from the stored task, so not while ZooKeeper is away (the read would
     * wait for the connection on the event thread). The executor asks again, for 5 minutes (ExecutorHandshake).
     */
    private void onMessage(Event.Message message) {
        if (availability() == StateAvailability.UNAVAILABLE) {
            LOG.info(
                    "ZooKeeper is not connected: a message from executor {} is left for it to send again",
                    message.getExecutorId().getValue());
            return;
        }
        secrets.handle(message).ifPresent(call -> Calling.send(mesos, call));
    }

    private void onFailure(Event.Failure failure) {
        LOG.info(
                "failure on agent {}{}: statuses follow",
                failure.getAgentId().getValue(),
                failure.hasExecutorId()
                        ? " (executor " + failure.getExecutorId().getValue() + " exited " + failure.getStatus() + ")"
                        : " (agent removed)");
        if (failure.hasExecutorId()) {
            // the executor's own resources come back only now, after its task's: a destroyed node's reservation may
            // still hold them, and a suppressed framework would never see them to release them
            suppression.revive(mesos);
        }
    }

    /**
     * Kills the node's current task so it relaunches in place (same agent, reservation, volume).
     *
     * @return the killed task ids
     */
    public synchronized List<String> restart(String node) {
        TaskInfo task = tasks.taskInfo(node).orElseThrow(() -> new NoSuchElementException("no task for " + node));
        requireSubscribed();
        Calling.send(mesos, Calls.kill(task.getTaskId(), task.getAgentId(), settings.killGrace()));
        LOG.info("{}: restart requested, killed {}", node, task.getTaskId().getValue());
        return List.of(task.getTaskId().getValue());
    }

    /**
     * Marks the node permanently failed and kills its task: it is placed on another agent with a
     * fresh reservation and volume, replacing its old IP.
     *
     * @return the killed task ids
     */
    public synchronized List<String> replace(String node) {
        tasks.record(node).orElseThrow(() -> new NoSuchElementException("no node " + node));
        requireSubscribed();
        return replaceLocked(node, "replaced by operator");
    }

    /**
     * The node was decommissioned: kills its task and forgets where it was, so its reservation and volume
     * are released from the next offers (they belong to nobody now). Its deploy step and control say it is
     * destroyed; nothing relaunches it.
     *
     * @return the killed task ids
     */
    public synchronized List<String> destroy(String node) {
        requireSubscribed();
        Optional<TaskInfo> task = tasks.taskInfo(node);
        task.ifPresent(t -> Calling.send(mesos, Calls.kill(t.getTaskId(), t.getAgentId(), settings.killGrace())));
        tasks.record(node)
                .filter(r -> r.reservation() != null)
                .ifPresent(r -> releasing.add(r.reservation().resourceId()));
        tasks.forgetPlacement(node);
        recovery.forget(node);
        suppression.revive(mesos);
        LOG.info(
                "{}: destroyed; killed {}, its reservation is released from the next offers",
                node,
                task.map(t -> t.getTaskId().getValue()).orElse("no task"));
        return task.map(t -> List.of(t.getTaskId().getValue())).orElse(List.of());
    }

    private List<String> replaceLocked(String node, String why) {
        Optional<NodeRecord> record = tasks.record(node);
        if (record.isEmpty()) {
            return List.of();
        }
        if (!record.get().permanentlyFailed()) {
            tasks.storeRecord(record.get().markPermanentlyFailed());
        }
        recovery.forget(node);
        plans.updateStepOf(node, step -> StepTransitions.replacing(step, why));
        LOG.warn(
                "{}: {}; placing it elsewhere with replace address {}",
                node,
                why,
                record.get().agent() == null ? "?" : record.get().agent().ip());
        Optional<TaskInfo> task = tasks.taskInfo(node);
        task.ifPresent(t -> Calling.send(mesos, Calls.kill(t.getTaskId(), t.getAgentId(), settings.killGrace())));
        suppression.revive(mesos);
        return task.map(t -> List.of(t.getTaskId().getValue())).orElse(List.of());
    }

    /** The node's current task is still unreachable and nobody has replaced the node yet. */
    private boolean stillUnreachable(String node) {
        boolean replaced = tasks.record(node).map(NodeRecord::permanentlyFailed).orElse(true);
        return !replaced
                && !tasks.control(node).heldByOperator()
                && tasks.taskStatus(node)
                        .map(s -> s.getState() == TaskState.TASK_UNREACHABLE)
                        .orElse(false);
    }

    private void requireSubscribed() {
        if (!subscribed || mesos == null) {
            throw new IllegalStateException("not connected to the Mesos master; try again shortly");
        }
    }

    /** Tasks we launched and have no terminal status for: reconciliation asks about each. */
    private Map<TaskID, AgentID> nonTerminalTasks() {
        Map<TaskID, AgentID> alive = new LinkedHashMap<>();
        for (TaskInfo task : liveTasks()) {
            alive.put(task.getTaskId(), task.getAgentId());
        }
        return alive;
    }

    private List<TaskInfo> liveTasks() {
        List<TaskInfo> alive = new java.util.ArrayList<>();
        for (String node : tasks.nodeNames()) {
            Optional<TaskInfo> task = tasks.taskInfo(node);
            if (task.isEmpty()) {
                continue;
            }
            Optional<TaskStatus> status = tasks.taskStatus(node);
            if (status.isEmpty() || !NodeRecovery.isTerminal(status.get().getState())) {
                alive.add(task.get());
            }
        }
        return alive;
    }
}

package org.cassandramesos.scheduler.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobStatus;
import org.cassandramesos.scheduler.backup.BackupDefaults;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.cassandramesos.scheduler.metrics.OperationMetrics;
import org.cassandramesos.scheduler.plan.JobStepTransitions;
import org.cassandramesos.scheduler.plan.Plan;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.plan.PlanRefs;
import org.cassandramesos.scheduler.plan.PlanWrites;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.PlanStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's one operation at a time (repair, cleanup, upgradesstables, backup, restore) as a plan whose
 * steps are jobs on the nodes' executors. Every change is persisted (operation and step progress, never
 * S3 keys) before it is acted on, so a restarted scheduler resumes: steps COMPLETE stay done, a job in
 * flight is polled under the same id (and sent again if its executor forgot it). S3 keys given in the
 * request are kept in this object only; after a restart the job goes out with the configured keys for the
 * configured location, else without keys (the executor then uses its default AWS credential chain).
 *
 * <p>{@link #tick} does the work (called by {@link OperationRunner}); node API calls are made outside the
 * lock, and their outcome is applied only if the same operation is still current.
 */
public final class OperationManager implements PlanManager {
    private static final Logger LOG = LoggerFactory.getLogger(OperationManager.class);

    private final OperationStore operations;
    private final PlanStore plans;
    private final ClusterNodes nodes;
    private final NodeApiClient client;
    private final RetryPolicy retry;
    private final BackupDefaults defaults;
    private final Clock clock;
    private final Supplier<String> attemptTokens;
    private final OperationMetrics metrics;
    /** The operation whose end was counted last: each operation counts its first end only. */
    private UUID endCounted;
    /** The latest job status seen per node of the current operation (progress for the status view). */
    private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();

    private Operation current;
    private Plan plan;
    /** Keys from the start request, for {@link #current} only; never persisted. */
    private Optional<BackupTarget> requestTarget = Optional.empty();

    public OperationManager(
            OperationStore operations,
            PlanStore plans,
            ClusterNodes nodes,
            NodeApiClient client,
            RetryPolicy retry,
            BackupDefaults defaults,
            Clock clock,
            Supplier<String> attemptTokens,
            OperationMetrics metrics) {
        this.metrics = metrics;
        this.operations = operations;
        this.plans = plans;
        this.nodes = nodes;
        this.client = client;
        this.retry = retry;
        this.defaults = defaults;
        this.clock = clock;
        this.attemptTokens = attemptTokens;
        this.current = operations.current().orElse(null);
        if (current != null) {
            Plan fresh = OperationPlanFactory.create(current);
            this.plan = plans.load(current.planName())
                    .map(progress -> progress.applyTo(fresh))
                    .orElse(fresh);
            if (current.stopped() || plan.isComplete() || plan.status() == Status.ERROR) {
                endCounted = current.id(); // it ended under an earlier scheduler instance
            }
            LOG.info("operation {} {} loaded: {}", current.planName(), current.id(), describe());
        }
    }

    /** Starts an operation; the body is seed 002's. */
    public Operation start(JobKind kind, String body) {
        OperationRequest request = OperationRequests.parse(kind, body, nodes.available(), defaults);
        synchronized (this) {
            if (isRunning()) {
                throw new OperationConflict(current.planName() + " " + current.id() + " is running ("
                        + plan.status() + "); one operation runs at a time: stop it with PUT /v1/"
                        + current.planName() + "/stop");
            }
            if (!nodes.deployComplete()) {
                throw new OperationConflict(
                        "the deploy plan is " + nodes.deployStatus() + "; operations start once it is COMPLETE");
            }
            Operation operation = request.toOperation(UUID.randomUUID(), clock.millis());
            Plan fresh = OperationPlanFactory.create(operation);
            plans.delete(operation.planName()); // progress of an earlier run of the same kind
            if (current != null && !current.planName().equals(operation.planName())) {
                plans.delete(current.planName());
            }
            operations.store(operation);
            plans.store(fresh.name(), org.cassandramesos.scheduler.plan.PlanProgress.of(fresh));
            current = operation;
            plan = fresh;
            requestTarget = request.backup();
            jobs.clear();
            metrics.started(operation.kind().wireName());
            LOG.info(
                    "operation {} {} started on {}{}",
                    operation.planName(),
                    operation.id(),
                    operation.nodes(),
                    operation.backupName() == null
                            ? ""
                            : " (backup " + operation.backupName() + " at " + operation.location() + ")");
            return operation;
        }
    }

    /** Stops the running operation of {@code kind}: its jobs in flight are asked to stop, the steps left end. */
    public Operation stop(JobKind kind) {
        Operation stopped;
        List<Step> inFlight;
        synchronized (this) {
            if (!isRunning()) {
                throw new OperationConflict("no operation is running");
            }
            if (current.kind() != kind) {
                throw new OperationConflict(current.planName() + " is running, not " + kind.wireName());
            }
            inFlight = plan.steps()
                    .filter(s -> s.status().isInFlight() && s.taskId().isPresent())
                    .toList();
            stopped = current.stop();
            operations.store(stopped);
            Plan next = plan;
            for (Step step : plan.steps().toList()) {
                next = next.with(JobStepTransitions.stopped(step, "operation stopped by an operator"));
            }
            PlanWrites.persist(plans, plan, next);
            current = stopped;
            plan = next;
            requestTarget = Optional.empty();
            countEnd(OperationMetrics.Outcome.STOPPED);
        }
        for (Step step : inFlight) {
            nodes.address(step.node()).ifPresent(address -> {
                try {
                    client.deleteJob(address, step.taskId().get());
                } catch (NodeApiClient.Unreachable e) {
                    LOG.warn(
                            "stop {}: {}; the job ends when its executor notices nobody follows it",
                            step.node(),
                            e.getMessage());
                }
            });
        }
        LOG.info("operation {} {} stopped", stopped.planName(), stopped.id());
        return stopped;
    }

    /** The latest operation of {@code kind}, and its per-node progress. */
    public synchronized OperationStatus status(JobKind kind) {
        if (current == null || current.kind() != kind) {
            return OperationStatus.none(kind.wireName());
        }
        Map<String, OperationStatus.NodeProgress> perNode = new LinkedHashMap<>();
        plan.steps().forEach(step -> {
            JobStatus job = jobs.get(step.node());
            boolean sameJob = job != null && step.taskId().map(job.id()::equals).orElse(false);
            perNode.put(
                    step.node(),
                    new OperationStatus.NodeProgress(
                            step.status().name(),
                            step.message(),
                            step.taskId().orElse(job == null ? null : job.id()),
                            job == null ? null : job.state(),
                            job == null ? null : job.progress()));
        });
        return new OperationStatus(
                current.planName(),
                current.id().toString(),
                state(),
                plan.status().name(),
                current.startedMs(),
                current.backupName(),
                current.location(),
                current.keyspaces(),
                current.tables(),
                perNode);
    }

    /** Per node, files still queued by the running backup (0 when none runs): seed 001 {@code _status}. */
    public synchronized Map<String, Long> backupQueues() {
        Map<String, Long> queues = new LinkedHashMap<>();
        boolean backupRuns = isRunning() && current.kind() == JobKind.BACKUP;
        for (String node : nodes.available()) {
            JobStatus job = backupRuns ? jobs.get(node) : null;
            queues.put(
                    node,
                    job == null || job.state().terminal() ? 0L : job.progress().queueLength());
        }
        return queues;
    }

    /** The running operation's id and kind, if one runs. */
    public synchronized Optional<Operation> running() {
        return isRunning() ? Optional.of(current) : Optional.empty();
    }

    /** One round: poll jobs in flight, send jobs to steps that may start, note why others wait. */
    public void tick() {
        Operation operation;
        List<OperationSteps.Action> actions;
        synchronized (this) {
            if (!isRunning()) {
                return;
            }
            operation = current;
            actions = OperationSteps.next(plan, nodes::notReady, clock.instant());
        }
        for (OperationSteps.Action action : actions) {
            try {
                act(operation, action);
            } catch (RuntimeException e) {
                LOG.warn("{} {}: {}", operation.planName(), action.step().node(), e.toString());
            }
        }
    }

    private void act(Operation operation, OperationSteps.Action action) {
        Step step = action.step();
        if (action instanceof OperationSteps.Wait wait) {
            update(operation, step, s -> JobStepTransitions.waitingForNode(s, wait.why()));
        } else if (action instanceof OperationSteps.Send) {
            String jobId = operation.jobId(step.node(), attemptTokens.get());
            if (update(operation, step, s -> JobStepTransitions.sending(s, jobId))) {
                put(operation, step.node(), jobId);
            }
        } else if (action instanceof OperationSteps.Poll poll) {
            poll(operation, step.node(), poll.jobId());
        }
    }

    private void poll(Operation operation, String node, String jobId) {
        Optional<NodeAddress> address = nodes.address(node);
        if (address.isEmpty()) {
            updateNode(operation, node, s -> JobStepTransitions.unreachable(s, node + " has no node API address now"));
            return;
        }
        try {
            NodeApiClient.Answer answer = client.getJob(address.get(), jobId);
            if (answer.status() == 404) {
                LOG.info(
                        "{} {}: the executor does not know job {} (it restarted): sending it again",
                        operation.planName(),
                        node,
                        jobId);
                put(operation, node, jobId);
            } else if (answer.status() == 200) {
                reported(operation, node, NodeApiClient.jobStatus(answer));
            } else {
                updateNode(
                        operation,
                        node,
                        s -> JobStepTransitions.unreachable(
                                s,
                                "the executor answered " + answer.status() + " for job " + jobId + ": "
                                        + answer.message()));
            }
        } catch (NodeApiClient.Unreachable e) {
            updateNode(operation, node, s -> JobStepTransitions.unreachable(s, e.getMessage() + "; polling again"));
        }
    }

    private void put(Operation operation, String node, String jobId) {
        Optional<NodeAddress> address = nodes.address(node);
        if (address.isEmpty()) {
            updateNode(operation, node, s -> JobStepTransitions.unreachable(s, node + " has no node API address now"));
            return;
        }
        Optional<JobRequest> job = request(operation, jobId);
        if (job.isEmpty()) {
            updateNode(
                    operation,
                    node,
                    s -> JobStepTransitions.unsendable(
                            s,
                            "the S3 keys of this request were kept in"
                                    + " memory only and are gone (the scheduler restarted); stop the operation and start it again with"
                                    + " s3_access_key and s3_secret_key"));
            return;
        }
        try {
            NodeApiClient.Answer answer = client.putJob(address.get(), job.get());
            if (answer.status() == 200 || answer.status() == 202) {
                reported(operation, node, NodeApiClient.jobStatus(answer));
            } else {
                Instant now = clock.instant();
                String why = "the executor refused job " + jobId + " (" + answer.status() + "): " + answer.message();
                updateNode(operation, node, s -> StepTransitions.failed(s, why, retry, now));
            }
        } catch (NodeApiClient.Unreachable e) {
            updateNode(operation, node, s -> JobStepTransitions.unreachable(s, e.getMessage() + "; sending again"));
        }
    }

    private void reported(Operation operation, String node, JobStatus job) {
        Instant now = clock.instant();
        if (sameOperation(operation)) {
            jobs.put(node, job);
        }
        updateNode(operation, node, s -> JobStepTransitions.reported(s, job, retry, now));
    }

    /** The job to send; empty when it may not be sent: a caller's location whose request keys are gone. */
    private Optional<JobRequest> request(Operation operation, String jobId) {
        if (!operation.kind().needsBackupTarget()) {
            return Optional.of(JobRequest.of(jobId, operation.kind(), operation.keyspaces(), operation.tables()));
        }
        Optional<StaticKeys> keys = keysFor(operation).flatMap(BackupTarget::keys);
        return defaults.target(operation.backupName(), operation.location(), keys)
                .map(target -> new JobRequest(jobId, operation.kind(), List.of(), List.of(), target));
    }

    private synchronized Optional<BackupTarget> keysFor(Operation operation) {
        return sameOperation(operation) ? requestTarget.filter(t -> t.keys().isPresent()) : Optional.empty();
    }

    private boolean update(Operation operation, Step step, UnaryOperator<Step> change) {
        return updateNode(operation, step.node(), change);
    }

    /** Applies {@code change} to the node's step if {@code operation} is still the current, unstopped one. */
    private synchronized boolean updateNode(Operation operation, String node, UnaryOperator<Step> change) {
        if (!sameOperation(operation) || current.stopped()) {
            return false;
        }
        Optional<Step> step = plan.steps().filter(s -> s.node().equals(node)).findFirst();
        if (step.isEmpty()) {
            return false;
        }
        return replace(plan.with(change.apply(step.get())));
    }

    private boolean replace(Plan next) {
        if (next.equals(plan)) {
            return true;
        }
        PlanWrites.persist(plans, plan, next);
        Status before = plan.status();
        plan = next;
        if (before != next.status() && (next.isComplete() || next.status() == Status.ERROR)) {
            LOG.info("operation {} {}: {}", current.planName(), current.id(), describe());
            countEnd(next.isComplete() ? OperationMetrics.Outcome.COMPLETE : OperationMetrics.Outcome.FAILED);
        }
        return true;
    }

    /** Counts the current operation's end, unless it already had one (a failed operation stopped afterwards). */
    private void countEnd(OperationMetrics.Outcome outcome) {
        if (current.id().equals(endCounted)) {
            return;
        }
        endCounted = current.id();
        metrics.finished(
                current.kind().wireName(), outcome, java.time.Duration.ofMillis(clock.millis() - current.startedMs()));
    }

    private boolean sameOperation(Operation operation) {
        return current != null && current.id().equals(operation.id());
    }

    private boolean isRunning() {
        return current != null && !current.stopped() && !plan.isComplete();
    }

    private String state() {
        if (current.stopped()) {
            return "STOPPED";
        }
        if (plan.isComplete()) {
            return "COMPLETE";
        }
        return plan.status() == Status.ERROR ? "FAILED" : "RUNNING";
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        plan.steps().forEach(s -> parts.add(s.node() + "=" + s.status()));
        return state() + " " + parts;
    }

    // --- the operation's plan, steered like any plan (/v1/plans/<op>/...) ---

    @Override
    public synchronized List<String> planNames() {
        return current == null ? List.of() : List.of(current.planName());
    }

    @Override
    public synchronized Optional<Plan> plan(String name) {
        return current != null && current.planName().equals(name) ? Optional.of(plan) : Optional.empty();
    }

    @Override
    public synchronized boolean interrupt(String name) {
        return steer(name, Plan::interrupt);
    }

    @Override
    public synchronized boolean proceed(String name) {
        return steer(name, Plan::proceed);
    }

    @Override
    public synchronized Optional<Plan> restart(String name, String phase, String step) {
        return command(name, phase, step, false);
    }

    @Override
    public synchronized Optional<Plan> forceComplete(String name, String phase, String step) {
        return command(name, phase, step, true);
    }

    private boolean steer(String name, UnaryOperator<Plan> change) {
        if (plan(name).isEmpty()) {
            return false;
        }
        if (!current.stopped()) {
            replace(change.apply(plan));
        }
        return true;
    }

    private Optional<Plan> command(String name, String phase, String step, boolean complete) {
        if (plan(name).isEmpty() || current.stopped()) {
            return Optional.empty(); // a stopped operation is over: start a new one
        }
        Optional<Plan> next = PlanRefs.apply(plan, phase, step, complete);
        next.ifPresent(this::replace);
        return next;
    }

    /** For tests and the status view: the operation as stored. */
    public synchronized Optional<Operation> current() {
        return Optional.ofNullable(current);
    }
}

package org.cassandramesos.local.master;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.resources.ResourceFormat;
import org.cassandramesos.local.resources.ResourceOperations;
import org.cassandramesos.local.resources.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACCEPT (and DECLINE, an ACCEPT without operations) the way the Mesos master does it: validate
 * the offers, apply operations in order on the offered pool, launch tasks that fit, put a refuse
 * filter on what is left. Runs on the master's thread.
 */
final class AcceptProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptProcessor.class);
    static final double DEFAULT_REFUSE_SECONDS = 5;

    private final MasterBooks books;
    private final Allocator allocator;
    private final Clock clock;

    AcceptProcessor(MasterBooks books, Allocator allocator, Clock clock) {
        this.books = books;
        this.allocator = allocator;
        this.clock = clock;
    }

    void accept(FrameworkState framework, List<OfferID> offerIds, List<Operation> operations, Filters filters) {
        List<OfferRecord> records = new ArrayList<>();
        String error = validateOffers(framework, offerIds, records);
        if (error != null) {
            records.forEach(r -> allocator.remove(r, false));
            dropTasks(framework, operations, error);
            return;
        }
        records.forEach(r -> allocator.remove(r, false));
        AgentState agent = books.agents.get(records.get(0).agentId());
        String role = records.get(0).role();
        Resources pool = Resources.empty();
        for (OfferRecord r : records) pool = pool.plus(r.resources());

        ResourceOperations.Actor actor = new ResourceOperations.Actor(role, framework.info.getPrincipal());
        Set<String> executorsLaunched = new HashSet<>();
        for (Operation op : operations) {
            switch (op.getType()) {
                case RESERVE, UNRESERVE, CREATE, DESTROY -> {
                    ResourceOperations.Conversion c = ResourceOperations.convert(op, actor, pool, agent.total);
                    if (!c.valid()) {
                        LOG.warn(
                                "Dropping invalid {} from framework {}: {}",
                                op.getType(),
                                framework.id.getValue(),
                                c.error());
                        continue;
                    }
                    pool = c.applyTo(pool);
                    agent.total = c.applyTo(agent.total);
                    agent.link.checkpointResources(checkpointed(agent.total));
                }
                case LAUNCH -> {
                    for (TaskInfo task : op.getLaunch().getTaskInfosList()) {
                        pool = launch(framework, agent, task, pool, executorsLaunched);
                    }
                }
                case LAUNCH_GROUP -> {
                    for (TaskInfo task : op.getLaunchGroup().getTaskGroup().getTasksList()) {
                        error(framework, task, "LAUNCH_GROUP is not supported by the local agent");
                    }
                }
                default ->
                    LOG.warn(
                            "Ignoring unsupported operation {} from framework {}",
                            op.getType(),
                            framework.id.getValue());
            }
        }
        double refuse = filters.hasRefuseSeconds() ? filters.getRefuseSeconds() : DEFAULT_REFUSE_SECONDS;
        if (refuse < 0) refuse = DEFAULT_REFUSE_SECONDS;
        refuse = Math.min(refuse, 365 * 24 * 3600.0);
        if (!pool.isEmpty() && refuse > 0) {
            framework.filters.refuse(role, agent.id(), pool, clock.instant().plusMillis((long) (refuse * 1000)));
        }
    }

    static List<Resource> checkpointed(Resources total) {
        return total.filter(r -> ResourceFormat.isDynamicallyReserved(r) || ResourceFormat.isPersistentVolume(r))
                .toList();
    }

    private String validateOffers(FrameworkState framework, List<OfferID> offerIds, List<OfferRecord> valid) {
        if (offerIds.isEmpty()) return "No offers specified";
        Set<String> seen = new HashSet<>();
        String error = null;
        for (OfferID id : offerIds) {
            OfferRecord r = books.offers.get(id.getValue());
            if (!seen.add(id.getValue())) {
                error = "Duplicate offer " + id.getValue() + " in accept";
            } else if (r == null) {
                error = "Offer " + id.getValue() + " is no longer valid";
            } else if (!r.frameworkId().equals(framework.id.getValue())) {
                error = "Offer " + id.getValue() + " has invalid framework";
            } else {
                if (!valid.isEmpty() && !valid.get(0).agentId().equals(r.agentId())) {
                    error = "Aggregated offers must belong to one single agent";
                }
                valid.add(r);
            }
        }
        return error;
    }

    /** Offers that cannot be used: every task in the ACCEPT is dropped (never launched, safe to retry). */
    private void dropTasks(FrameworkState framework, List<Operation> operations, String error) {
        TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
        for (Operation op : operations) {
            if (op.getType() != Operation.Type.LAUNCH) continue;
            for (TaskInfo task : op.getLaunch().getTaskInfosList()) {
                sendUpdate(
                        framework,
                        MasterStatuses.unacknowledged(
                                task.getTaskId(),
                                task.getAgentId(),
                                state,
                                TaskStatus.Reason.REASON_INVALID_OFFERS,
                                error));
            }
        }
    }

    private Resources launch(
            FrameworkState framework, AgentState agent, TaskInfo raw, Resources pool, Set<String> executorsLaunched) {
        String problem = validateTask(framework, agent, raw);
        if (problem != null) {
            error(framework, raw, problem);
            return pool;
        }
        TaskInfo task = raw.toBuilder()
                .setExecutor(raw.getExecutor().toBuilder().setFrameworkId(framework.id))
                .build();
        ExecutorInfo executor = task.getExecutor();
        String executorId = executor.getExecutorId().getValue();
        boolean newExecutor = Allocator.isNewExecutor(books, agent.id(), framework.id.getValue(), executor)
                && !executorsLaunched.contains(executorId);
        Resources needed = Resources.of(task.getResourcesList());
        if (newExecutor) needed = needed.plus(Resources.of(executor.getResourcesList()));
        if (!pool.contains(needed)) {
            error(framework, raw, "Task uses more resources " + needed + " than available " + pool);
            return pool;
        }
        MasterTask record = new MasterTask(task, agent.info.getId());
        framework.tasks.put(task.getTaskId().getValue(), record);
        if (newExecutor) {
            executorsLaunched.add(executorId);
            agent.executors.put(AgentState.executorKey(framework.id.getValue(), executorId), executor);
        }
        agent.link.runTask(framework.info, task);
        return pool.minus(needed);
    }

    private String validateTask(FrameworkState framework, AgentState agent, TaskInfo task) {
        if (!task.getAgentId().equals(agent.info.getId())) {
            return "Task uses agent " + task.getAgentId().getValue() + " but the offer is from " + agent.id();
        }
        MasterTask existing = framework.tasks.get(task.getTaskId().getValue());
        if (existing != null)
            return "Task has duplicate ID: " + task.getTaskId().getValue();
        if (!task.hasExecutor()) return "Command tasks (without ExecutorInfo) are not supported by the local agent";
        ExecutorInfo executor = task.getExecutor();
        if (executor.hasFrameworkId() && !executor.getFrameworkId().equals(framework.id)) {
            return "ExecutorInfo has an invalid FrameworkID";
        }
        if (task.getResourcesCount() == 0) return "Task uses no resources";
        ExecutorInfo running = books.executor(
                agent.id(), framework.id.getValue(), executor.getExecutorId().getValue());
        if (running != null && !sameExecutor(running, executor)) {
            return "ExecutorInfo is not compatible with the running executor "
                    + executor.getExecutorId().getValue();
        }
        return null;
    }

    private static boolean sameExecutor(ExecutorInfo a, ExecutorInfo b) {
        return a.getCommand().equals(b.getCommand())
                && Resources.of(a.getResourcesList()).equals(Resources.of(b.getResourcesList()));
    }

    private void error(FrameworkState framework, TaskInfo task, String message) {
        LOG.warn("TASK_ERROR for {}: {}", task.getTaskId().getValue(), message);
        sendUpdate(
                framework,
                MasterStatuses.unacknowledged(
                        task.getTaskId(),
                        task.getAgentId(),
                        TaskState.TASK_ERROR,
                        TaskStatus.Reason.REASON_TASK_INVALID,
                        message));
    }

    private static void sendUpdate(FrameworkState framework, TaskStatus status) {
        framework.send(Event.newBuilder()
                .setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status))
                .build());
    }
}

package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.scheduler.config.RetryPolicy;
import org.cassandramesos.scheduler.offer.TaskIds;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task status update: persist it, move the node's record and plan step on, then (only then)
 * acknowledge it. A live task that is not any node's current task (unknown to us, or replaced by a
 * relaunch) is killed, never in a loop ({@link StrayTaskAction}).
 */
final class StatusHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);
    /** A stray task's kill is repeated (on its next live update) after 5 s, doubling to 5 min. */
    static final StrayTaskAction.Backoff STRAY_KILL_BACKOFF =
            new StrayTaskAction.Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    private final TaskStore tasks;
    private final DeployPlanManager plans;
    private final NodeRecovery recovery;
    private final RetryPolicy retry;
    private final Duration killGrace;
    /** Kills sent per stray task id; an entry goes when the task's end is heard of. */
    private final Map<String, StrayTaskAction.KillsSent> strayKills = new HashMap<>();

    StatusHandler(
            TaskStore tasks, DeployPlanManager plans, NodeRecovery recovery, RetryPolicy retry, Duration killGrace) {
        this.tasks = tasks;
        this.plans = plans;
        this.recovery = recovery;
        this.retry = retry;
        this.killGrace = killGrace;
    }

    void handle(Mesos mesos, TaskStatus status, Instant now) {
        Optional<String> node = nodeOf(status);
        Optional<TaskInfo> current = node.flatMap(tasks::taskInfo);
        boolean isCurrent =
                current.map(task -> task.getTaskId().equals(status.getTaskId())).orElse(false);
        if (isCurrent) {
            apply(node.get(), status, now);
        } else {
            handleStray(mesos, status, now);
        }
        if (status.hasUuid()) {
            Calling.send(mesos, Calls.acknowledge(status));
        }
    }

    private void handleStray(Mesos mesos, TaskStatus status, Instant now) {
        String taskId = status.getTaskId().getValue();
        StrayTaskAction action =
                StrayTaskAction.decide(status, Optional.ofNullable(strayKills.get(taskId)), STRAY_KILL_BACKOFF, now);
        if (action instanceof StrayTaskAction.Kill kill) {
            strayKills.put(taskId, kill.sent());
            LOG.warn(
                    "killing task {} ({}): it is no node's current task (kill {})",
                    taskId,
                    status.getState(),
                    kill.sent().count());
            Calling.send(
                    mesos, Calls.kill(status.getTaskId(), status.hasAgentId() ? status.getAgentId() : null, killGrace));
        } else if (action instanceof StrayTaskAction.Wait wait) {
            LOG.info(
                    "task {} ({}) is no node's current task; not killed now: {}",
                    taskId,
                    status.getState(),
                    wait.why());
        } else {
            strayKills.remove(taskId);
        }
    }

    private void apply(String node, TaskStatus status, Instant now) {
        Optional<TaskStatus> stored = tasks.taskStatus(node);
        boolean seenBefore = stored.isPresent();
        if (!repeats(stored, status)) {
            tasks.storeStatus(status);
        }
        Optional<NodeRecord> record = tasks.record(node);
        if (record.isPresent()) {
            NodeRecord next = recovery.onStatus(record.get(), status, seenBefore, now);
            if (!next.equals(record.get())) {
                tasks.storeRecord(next);
                if (next.permanentlyFailed() && !record.get().permanentlyFailed()) {
                    LOG.warn(
                            "{}: agent {} is gone ({}); the node will be replaced elsewhere",
                            node,
                            record.get().agent().hostname(),
                            status.getState());
                }
            }
        }
        String taskId = status.getTaskId().getValue();
        if (tasks.control(node).heldByOperator()) {
            if (status.getState() == org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING) {
                // a node created stopped is placed now: its step waits for start, as any stopped node's does
                String why = tasks.control(node).message();
                plans.update(plan -> plan.stepForTask(taskId)
                        .filter(step -> step.status() == org.cassandramesos.scheduler.plan.Status.STARTING)
                        .map(step -> plan.with(StepTransitions.heldByOperator(step, why)))
                        .orElse(plan));
            }
            // stopped or being destroyed on purpose: its task's news must not make the plan relaunch it
            LOG.info(
                    "{}: {} {} (held by an operator: {})",
                    node,
                    taskId,
                    status.getState(),
                    tasks.control(node).intent());
            return;
        }
        plans.update(plan -> plan.stepForTask(taskId)
                .map(step -> plan.with(StepTransitions.onTaskStatus(step, status, retry, now)))
                .orElse(plan));
        LOG.info(
                "{}: {} {}{}",
                node,
                taskId,
                status.getState(),
                status.hasMessage() && !status.getMessage().isBlank() ? " (" + status.getMessage() + ")" : "");
    }

    /**
     * A reconciliation answer that repeats the stored state of the same task says nothing new, and the stored status
     * (with its readiness labels and data) is the richer one: it is not written again. A takeover at 100 nodes wrote
     * 100 of them one by one before it could act (bench/results/scheduler-failover.md).
     */
    static boolean repeats(Optional<TaskStatus> stored, TaskStatus answer) {
        return answer.getReason() == TaskStatus.Reason.REASON_RECONCILIATION
                && stored.filter(status ->
                                status.getTaskId().equals(answer.getTaskId()) && status.getState() == answer.getState())
                        .isPresent();
    }

    private static Optional<String> nodeOf(TaskStatus status) {
        try {
            return Optional.of(TaskIds.nodeName(status.getTaskId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

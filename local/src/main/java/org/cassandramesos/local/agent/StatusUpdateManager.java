package org.cassandramesos.local.agent;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.local.cluster.MasterLink;

/**
 * The agent's status update streams (Mesos' task status update manager): per task, updates go to
 * the scheduler one at a time and in order; the head is resent (10 s doubling to 10 min in Mesos)
 * until the scheduler acknowledges it, then the next one goes. Runs on the agent's thread.
 */
final class StatusUpdateManager {
    private static final Duration MAX_RETRY = Duration.ofMinutes(10);

    private final AgentID agentId;
    private final Supplier<MasterLink> master;
    private final ScheduledExecutorService actor;
    private final Duration firstRetry;

    StatusUpdateManager(
            AgentID agentId, Supplier<MasterLink> master, ScheduledExecutorService actor, Duration firstRetry) {
        this.agentId = agentId;
        this.master = master;
        this.actor = actor;
        this.firstRetry = firstRetry;
    }

    /** Appends an update to the task's stream; it is sent at once if nothing is waiting for an acknowledgement. */
    void enqueue(AgentTask t, TaskStatus status) {
        t.latest = status;
        t.pending.add(status);
        if (t.pending.size() == 1) forward(t);
    }

    /** Sends the stream's head again now (after a (re-)registration) and restarts its backoff. */
    void resend(AgentTask t) {
        t.backoff = null;
        forward(t);
    }

    /**
     * The scheduler acknowledged {@code uuid}: if it is the head, the next update goes out.
     *
     * @return whether the task's stream is finished (terminal and everything acknowledged)
     */
    boolean acknowledge(AgentTask t, ByteString uuid) {
        if (t.pending.isEmpty() || !t.pending.peek().getUuid().equals(uuid)) return false;
        t.pending.poll();
        cancel(t);
        t.backoff = null;
        if (!t.pending.isEmpty()) {
            forward(t);
            return false;
        }
        return t.isTerminal();
    }

    void cancel(AgentTask t) {
        if (t.retry != null) t.retry.cancel(false);
    }

    private void forward(AgentTask t) {
        TaskStatus head = t.pending.peek();
        if (head == null) return;
        master.get().statusUpdate(agentId, t.framework, t.info, head, t.state());
        cancel(t);
        Duration delay = t.backoff == null ? firstRetry : t.backoff;
        Duration doubled = delay.multipliedBy(2);
        t.backoff = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
        t.retry = actor.schedule(
                () -> {
                    if (t.pending.peek() == head) forward(t);
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}

package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What to do about an update of a task that is no node's current task (unknown to us, or replaced by a relaunch or a
 * replacement): such a task must end, but kills are never sent in a loop. Pure; docs/reliability.md.
 *
 * <p>The Mesos master answers a KILL of a task it does not hold, among them every task on an unreachable agent, with a
 * reconciliation update (src/master/master.cpp:5701-5718 Master::kill): TASK_UNREACHABLE again. Killing on that answer
 * would loop as fast as the master answers. So a task on an unreachable agent is left alone (the kill could not be
 * delivered anyway) and killed once its agent re-registers (TASK_RUNNING, REASON_AGENT_REREGISTERED); and kills of the
 * same live task are spaced by a doubling backoff.
 */
public sealed interface StrayTaskAction {
    /** Send KILL now; this is kill number {@code count}, the next one not before {@code nextAllowed}. */
    record Kill(KillsSent sent) implements StrayTaskAction {}

    /** Send nothing now. */
    record Wait(String why) implements StrayTaskAction {}

    /** The task ended: nothing to kill, forget the kills sent. */
    record Forget() implements StrayTaskAction {}

    /** Kills sent for one stray task so far. */
    record KillsSent(int count, Instant nextAllowed) {}

    /** Spacing of repeated kills: {@code first}, doubling, at most {@code max}. */
    record Backoff(Duration first, Duration max) {
        Duration after(int kills) {
            Duration d = first;
            for (int i = 1; i < kills && d.compareTo(max) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    static StrayTaskAction decide(TaskStatus status, Optional<KillsSent> sent, Backoff backoff, Instant now) {
        if (NodeRecovery.isTerminal(status.getState())) {
            return new Forget();
        }
        if (status.getState() == TaskState.TASK_UNREACHABLE) {
            return new Wait("its agent is unreachable: a kill cannot reach it (the master answers one with"
                    + " TASK_UNREACHABLE); it is killed when the agent re-registers");
        }
        if (sent.isPresent() && now.isBefore(sent.get().nextAllowed())) {
            return new Wait("killed " + sent.get().count() + " time(s) already; next kill not before "
                    + sent.get().nextAllowed());
        }
        int count = sent.map(KillsSent::count).orElse(0) + 1;
        return new Kill(new KillsSent(count, now.plus(backoff.after(count))));
    }
}

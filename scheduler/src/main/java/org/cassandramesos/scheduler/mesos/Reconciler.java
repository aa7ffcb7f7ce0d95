package org.cassandramesos.scheduler.mesos;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.mesos.scheduler.Calls;

/**
 * Task reconciliation after every SUBSCRIBED, as Mesos recommends: explicitly ask for every task
 * we believe non-terminal, re-asking those without an answer with truncated exponential backoff
 * (one round at a time); once all have answered, one implicit round; then implicit again
 * periodically. Nothing may be launched until {@link #isReconciled()}.
 *
 * <p>Deterministic: the caller passes the clock and sends the calls it is given.
 */
public final class Reconciler {
    /** Lifecycle of one reconciliation after a subscription. */
    public enum Phase {
        IDLE,
        EXPLICIT,
        IMPLICIT_DUE,
        RECONCILED
    }

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration implicitPeriod;

    private final Map<TaskID, AgentID> unanswered = new LinkedHashMap<>();
    private Phase phase = Phase.IDLE;
    private Instant nextExplicit = Instant.MIN;
    private Duration backoff;
    private Instant nextImplicit = Instant.MAX;
    private int rounds;

    public Reconciler(Duration initialBackoff, Duration maxBackoff, Duration implicitPeriod) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.implicitPeriod = implicitPeriod;
        this.backoff = initialBackoff;
    }

    public static Reconciler withMesosDefaults() {
        return new Reconciler(Duration.ofSeconds(4), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    /** Starts over for a new subscription with the tasks we believe are not terminal. */
    public synchronized void start(Map<TaskID, AgentID> nonTerminalTasks) {
        unanswered.clear();
        unanswered.putAll(nonTerminalTasks);
        backoff = initialBackoff;
        nextExplicit = Instant.MIN;
        nextImplicit = Instant.MAX;
        rounds = 0;
        phase = unanswered.isEmpty() ? Phase.IMPLICIT_DUE : Phase.EXPLICIT;
    }

    /** Records an answer (any status update about the task counts). */
    public synchronized void update(TaskStatus status) {
        unanswered.remove(status.getTaskId());
        if (phase == Phase.EXPLICIT && unanswered.isEmpty()) {
            phase = Phase.IMPLICIT_DUE;
        }
    }

    /** The RECONCILE call due at {@code now}, if any; the caller must send it. */
    public synchronized Optional<Call> poll(Instant now) {
        switch (phase) {
            case EXPLICIT -> {
                if (now.isBefore(nextExplicit)) {
                    return Optional.empty();
                }
                rounds++;
                nextExplicit = now.plus(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                return Optional.of(Calls.reconcile(Map.copyOf(unanswered)));
            }
            case IMPLICIT_DUE -> {
                phase = Phase.RECONCILED;
                nextImplicit = now.plus(implicitPeriod);
                return Optional.of(Calls.reconcile(Map.of()));
            }
            case RECONCILED -> {
                if (now.isBefore(nextImplicit)) {
                    return Optional.empty();
                }
                nextImplicit = now.plus(implicitPeriod);
                return Optional.of(Calls.reconcile(Map.of()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** True once every task we knew of has answered (and the first implicit round went out). */
    public synchronized boolean isReconciled() {
        return phase == Phase.RECONCILED;
    }

    public synchronized Phase phase() {
        return phase;
    }

    public synchronized int unansweredCount() {
        return unanswered.size();
    }

    /** Explicit rounds sent since {@link #start}. */
    public synchronized int rounds() {
        return rounds;
    }
}

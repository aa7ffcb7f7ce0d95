package org.cassandramesos.local.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.mesos.scheduler.SchedulerClient;
import org.cassandramesos.mesos.scheduler.SchedulerClientConfig;

/**
 * The one test framework on the local Mesos: a minimal scheduler over the real {@link SchedulerClient} that records
 * every event (SUBSCRIBED included) with when it arrived, so tests and benchmarks can wait for what they expect, and
 * acknowledges updates (before recording them) unless told not to. Shipped in the {@code local} test-jar.
 */
public final class TestScheduler implements Scheduler, AutoCloseable {
    public static final String ROLE = "cassandra-role";
    public static final String PRINCIPAL = "cassandra-principal";

    private final List<Event> history = new ArrayList<>();
    /** {@link System#nanoTime()} at receipt of each event in {@link #history}, for benchmarks. */
    private final List<Long> arrivals = new ArrayList<>();

    private final AtomicReference<FrameworkID> frameworkId = new AtomicReference<>();
    private volatile boolean autoAcknowledge = true;
    private volatile Mesos mesos;
    private final SchedulerClient client;

    public TestScheduler(URI master, double failoverTimeoutSeconds) {
        this(master, failoverTimeoutSeconds, Optional.empty());
    }

    public TestScheduler(URI master, double failoverTimeoutSeconds, Optional<String> authorization) {
        this(master, frameworkInfo(failoverTimeoutSeconds), authorization);
    }

    /** A scheduler subscribing with {@code info} (e.g. without PARTITION_AWARE). */
    public TestScheduler(URI master, FrameworkInfo info, Optional<String> authorization) {
        SchedulerClientConfig config = SchedulerClientConfig.of(
                        master, info, () -> Optional.ofNullable(frameworkId.get()))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .withAuthorization(() -> authorization);
        this.client = new SchedulerClient(config, this);
    }

    /** Runs its executors as the agent's own user (no user switch: {@code UserSwitchTest} covers that). */
    public static FrameworkInfo frameworkInfo(double failoverTimeoutSeconds) {
        FrameworkInfo.Builder b = FrameworkInfo.newBuilder()
                .setUser(System.getProperty("user.name"))
                .setName("local-test")
                .addRoles(ROLE)
                .setPrincipal(PRINCIPAL)
                .setFailoverTimeout(failoverTimeoutSeconds)
                .setCheckpoint(true);
        for (FrameworkInfo.Capability.Type t : List.of(
                FrameworkInfo.Capability.Type.MULTI_ROLE,
                FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT,
                FrameworkInfo.Capability.Type.PARTITION_AWARE,
                FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
            b.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(t));
        }
        return b.build();
    }

    /** Subscribes as the framework {@code id} (a failover), not as a new framework; call before {@link #start}. */
    public TestScheduler failingOver(FrameworkID id) {
        frameworkId.set(id);
        return this;
    }

    public TestScheduler start() {
        client.start();
        return this;
    }

    public SchedulerClient client() {
        return client;
    }

    public void autoAcknowledge(boolean on) {
        autoAcknowledge = on;
    }

    public FrameworkID frameworkId() {
        return frameworkId.get();
    }

    public void send(Call call) {
        mesos.send(call);
    }

    @Override
    public void subscribed(Mesos m, Event.Subscribed subscribed) {
        frameworkId.set(subscribed.getFrameworkId());
        mesos = m;
        record(Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(subscribed)
                .build());
    }

    @Override
    public void received(Mesos m, Event event) {
        if (event.getType() == Event.Type.UPDATE
                && autoAcknowledge
                && event.getUpdate().getStatus().hasUuid()) {
            m.send(Calls.acknowledge(event.getUpdate().getStatus()));
        }
        record(event);
    }

    @Override
    public void disconnected() {
        // the client re-subscribes on its own
    }

    private void record(Event e) {
        long now = System.nanoTime();
        synchronized (history) {
            history.add(e);
            arrivals.add(now);
            history.notifyAll();
        }
    }

    /** Position in the event history; pass it to the awaits to see only later events. */
    public int mark() {
        synchronized (history) {
            return history.size();
        }
    }

    public List<Event> eventsSince(int mark) {
        synchronized (history) {
            return new ArrayList<>(history.subList(mark, history.size()));
        }
    }

    public Event await(int from, Predicate<Event> match, Duration timeout) {
        synchronized (history) {
            return history.get(awaitIndex(from, match, timeout));
        }
    }

    /** {@link System#nanoTime()} when the first matching event from {@code from} on arrived (benchmarks). */
    public long awaitArrival(int from, Predicate<Event> match, Duration timeout) {
        synchronized (history) {
            return arrivals.get(awaitIndex(from, match, timeout));
        }
    }

    private int awaitIndex(int from, Predicate<Event> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (history) {
            while (true) {
                for (int i = from; i < history.size(); i++) {
                    if (match.test(history.get(i))) return i;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0)
                    throw new AssertionError("no matching event within " + timeout + "; saw " + summary(from));
                try {
                    history.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /**
     * {@link System#nanoTime()} when {@code taskId}'s update to {@code state} arrived; throws as soon as the task
     * fails (FAILED, ERROR, LOST, DROPPED) instead of waiting out the timeout.
     */
    public long awaitTaskState(int from, String taskId, TaskState state, Duration timeout) {
        Set<TaskState> failures =
                EnumSet.of(TaskState.TASK_FAILED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED);
        failures.remove(state);
        Event settled = await(
                from,
                e -> update(taskId, state).test(e)
                        || (e.getType() == Event.Type.UPDATE
                                && e.getUpdate()
                                        .getStatus()
                                        .getTaskId()
                                        .getValue()
                                        .equals(taskId)
                                && failures.contains(e.getUpdate().getStatus().getState())),
                timeout);
        TaskStatus status = settled.getUpdate().getStatus();
        if (status.getState() != state) {
            throw new IllegalStateException(
                    taskId + " " + status.getState() + " (" + status.getReason() + "): " + status.getMessage());
        }
        return awaitArrival(from, update(taskId, state), Duration.ZERO);
    }

    /** A predicate matching an update of {@code taskId} to {@code state}. */
    public static Predicate<Event> update(String taskId, TaskState state) {
        return e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getState() == state;
    }

    /** Asserts that nothing matching arrives within {@code window}. */
    public void assertNone(int from, Predicate<Event> match, Duration window) {
        try {
            Event e = await(from, match, window);
            throw new IllegalStateException("unexpected event " + e);
        } catch (AssertionError expected) {
            // nothing came
        }
    }

    public Event.Subscribed awaitSubscribed(int from) {
        return await(from, e -> e.getType() == Event.Type.SUBSCRIBED, Duration.ofSeconds(20))
                .getSubscribed();
    }

    public Offer awaitOffer(int from, Predicate<Offer> match, Duration timeout) {
        Event e = await(
                from,
                ev -> ev.getType() == Event.Type.OFFERS
                        && ev.getOffers().getOffersList().stream().anyMatch(match),
                timeout);
        return e.getOffers().getOffersList().stream().filter(match).findFirst().orElseThrow();
    }

    public Offer awaitOffer(int from) {
        return awaitOffer(from, o -> true, Duration.ofSeconds(20));
    }

    public TaskStatus awaitUpdate(int from, String taskId, TaskState state) {
        return await(from, update(taskId, state), Duration.ofSeconds(30))
                .getUpdate()
                .getStatus();
    }

    private String summary(int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < history.size(); i++) {
            Event e = history.get(i);
            sb.append(e.getType());
            if (e.getType() == Event.Type.UPDATE) {
                sb.append('(')
                        .append(e.getUpdate().getStatus().getTaskId().getValue())
                        .append(' ')
                        .append(e.getUpdate().getStatus().getState())
                        .append(' ')
                        .append(e.getUpdate().getStatus().getReason())
                        .append(' ')
                        .append(e.getUpdate().getStatus().getMessage())
                        .append(')');
            }
            sb.append(", ");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}

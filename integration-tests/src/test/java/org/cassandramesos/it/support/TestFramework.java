package org.cassandramesos.it.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.mesos.scheduler.SchedulerClient;
import org.cassandramesos.mesos.scheduler.SchedulerClientConfig;

/**
 * The test scheduler: subscribes through the real {@link SchedulerClient}, acknowledges every status update, keeps
 * the offers it holds and every status it received, and sends the calls the tests ask for.
 */
public final class TestFramework implements Scheduler, AutoCloseable {
    /** Leftovers of an ACCEPT come back soon: tests place nodes one after the other. */
    private static final Duration REFUSE = Duration.ofSeconds(1);

    private final SchedulerClient client;
    private final AtomicReference<FrameworkID> frameworkId = new AtomicReference<>();
    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<OfferID, Offer> outstanding = new LinkedHashMap<>();
    private final List<TaskStatus> statuses = new ArrayList<>();
    private volatile Mesos mesos;

    public TestFramework(URI master) {
        SchedulerClientConfig config = SchedulerClientConfig.of(master, frameworkInfo(), () -> Optional.ofNullable(frameworkId.get()))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        this.client = new SchedulerClient(config, this);
    }

    static FrameworkInfo frameworkInfo() {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser(System.getProperty("user.name")).setName("cassandra-it")
                .addRoles(NodeTasks.ROLE).setPrincipal(NodeTasks.PRINCIPAL).setFailoverTimeout(600).setCheckpoint(true);
        for (FrameworkInfo.Capability.Type type : List.of(FrameworkInfo.Capability.Type.MULTI_ROLE,
                FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT, FrameworkInfo.Capability.Type.PARTITION_AWARE,
                FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
            info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
        }
        return info.build();
    }

    public TestFramework start() {
        client.start();
        awaitValue("SUBSCRIBED", Duration.ofSeconds(30), () -> Optional.ofNullable(mesos));
        return this;
    }

    // ---- Scheduler callbacks -----------------------------------------------------------------------

    @Override
    public void subscribed(Mesos m, Event.Subscribed subscribed) {
        frameworkId.set(subscribed.getFrameworkId());
        synchronized (lock) {
            outstanding.clear(); // offers of an earlier stream are void
        }
        mesos = m;
    }

    @Override
    public void received(Mesos m, Event event) {
        switch (event.getType()) {
            case OFFERS -> {
                synchronized (lock) {
                    event.getOffers().getOffersList().forEach(o -> outstanding.put(o.getId(), o));
                }
            }
            case RESCIND -> {
                synchronized (lock) {
                    outstanding.remove(event.getRescind().getOfferId());
                }
            }
            case UPDATE -> {
                TaskStatus status = event.getUpdate().getStatus();
                synchronized (lock) {
                    statuses.add(status);
                }
                if (status.hasUuid()) {
                    m.send(Calls.acknowledge(status));
                }
            }
            default -> { }
        }
    }

    @Override
    public void disconnected() {
        // the client re-subscribes on its own
    }

    // ---- offers ------------------------------------------------------------------------------------

    /**
     * Waits until the offers held for {@code agent} together satisfy {@code fits}, and takes them all (so no older
     * offer keeps part of what a node needs).
     */
    public List<Offer> takeOffers(AgentID agent, Predicate<List<Offer>> fits, Duration timeout) {
        return awaitValue("offers from " + agent.getValue() + " that fit", timeout, () -> {
            synchronized (lock) {
                List<Offer> held = outstanding.values().stream().filter(o -> o.getAgentId().equals(agent)).toList();
                if (held.isEmpty() || !fits.test(held)) {
                    return Optional.empty();
                }
                held.forEach(o -> outstanding.remove(o.getId()));
                return Optional.of(held);
            }
        });
    }

    public void accept(List<Offer> offers, List<Offer.Operation> operations) {
        send(Calls.accept(offers.stream().map(Offer::getId).toList(), operations, REFUSE));
    }

    // ---- tasks -------------------------------------------------------------------------------------

    public void kill(TaskID task, AgentID agent) {
        send(Calls.kill(task, agent, NodeTasks.KILL_GRACE));
    }

    public void teardown() {
        send(Calls.teardown());
    }

    public void send(Call call) {
        Mesos m = mesos;
        if (m == null) {
            throw new IllegalStateException("not subscribed");
        }
        m.send(call);
    }

    public List<TaskStatus> statuses(String taskId) {
        synchronized (lock) {
            return statuses.stream().filter(s -> s.getTaskId().getValue().equals(taskId)).toList();
        }
    }

    /** The first update of {@code taskId} in {@code state}; fails fast if the task ends in another terminal state. */
    public TaskStatus awaitStatus(String taskId, TaskState state, Duration timeout) {
        return awaitValue(taskId + " " + state, timeout, () -> {
            List<TaskStatus> seen = statuses(taskId);
            Optional<TaskStatus> match = seen.stream().filter(s -> s.getState() == state).findFirst();
            if (match.isEmpty()) {
                seen.stream().filter(s -> terminal(s.getState())).findFirst().ifPresent(s -> {
                    throw new AssertionError(taskId + " ended " + s.getState() + " (" + s.getReason() + ") while waiting for "
                            + state + ": " + s.getMessage());
                });
            }
            return match;
        });
    }

    /** The first update of {@code taskId} that is {@code state} or terminal, whichever comes first. */
    public TaskStatus awaitStatusOrEnd(String taskId, TaskState state, Duration timeout) {
        return awaitValue(taskId + " " + state + " or a terminal state", timeout, () -> statuses(taskId).stream()
                .filter(s -> s.getState() == state || terminal(s.getState())).findFirst());
    }

    public static boolean terminal(TaskState state) {
        return switch (state) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
                    TASK_GONE_BY_OPERATOR -> true;
            default -> false;
        };
    }

    private <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
        AtomicReference<T> value = new AtomicReference<>();
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                Optional<T> v = probe.get();
                v.ifPresent(value::set);
                return v.isPresent();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout + "; statuses so far: " + summary(), e);
        }
        return value.get();
    }

    private String summary() {
        synchronized (lock) {
            StringBuilder sb = new StringBuilder();
            for (TaskStatus s : statuses) {
                sb.append("\n  ").append(s.getTaskId().getValue()).append(' ').append(s.getState()).append(' ')
                        .append(s.getReason()).append(": ").append(s.getMessage().lines().findFirst().orElse(""));
            }
            return sb.toString();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

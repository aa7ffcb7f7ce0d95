package org.cassandramesos.localmode;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that drives a {@link SchedulerSupervisor}: a tick every {@code period}, and one whenever the supervisor
 * asks (its process exited, a relaunch is due), so an exit is acted on at once rather than at the next look.
 */
final class SupervisionThread implements SchedulerSupervisor.Wakeup, AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduler-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private static final long LATE_MS = 10;

    private final Consumer<String> events;
    private volatile SchedulerSupervisor supervisor;

    SupervisionThread(Consumer<String> events) {
        this.events = events;
    }

    /** Starts the regular ticks of {@code supervisor} (built with this as its {@link SchedulerSupervisor.Wakeup}). */
    SchedulerSupervisor supervise(SchedulerSupervisor supervisor, Duration period) {
        this.supervisor = supervisor;
        executor.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return supervisor;
    }

    @Override
    public void tickIn(Duration delay) {
        try {
            // a little late rather than early: the supervisor compares its wall clock with the relaunch time
            executor.schedule(this::tick, delay.toMillis() + LATE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // local mode is stopping: nothing to supervise
        }
    }

    private void tick() {
        SchedulerSupervisor target = supervisor;
        if (target == null) {
            // asked before supervise() ran: the regular ticks will look
            return;
        }
        try {
            target.tick();
        } catch (IOException | RuntimeException e) {
            events.accept("Could not start the scheduler again: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.cassandramesos.scheduler.ops;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.scheduler.state.StateConnection;

/**
 * Drives the running operation: a {@link OperationManager#tick} every poll interval, on its own thread, and none while
 * ZooKeeper is away: a job's progress could not be stored, and a job must not be sent on a state that was not.
 */
public final class OperationRunner implements Managed {
    private final OperationManager operations;
    private final Duration interval;
    private final StateConnection state;
    /** Also driven on this thread: the scale-in and scale-out follow-ups ({@link ScaleIn}, {@link ScaleOut}). */
    private final java.util.List<Runnable> alongside;

    private ScheduledExecutorService ticker;

    public OperationRunner(OperationManager operations, Duration interval, StateConnection state) {
        this(operations, interval, state, java.util.List.of());
    }

    public OperationRunner(
            OperationManager operations, Duration interval, StateConnection state, java.util.List<Runnable> alongside) {
        this.operations = operations;
        this.interval = interval;
        this.state = state;
        this.alongside = java.util.List.copyOf(alongside);
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operations");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (!state.isConnected()) {
            return;
        }
        try {
            operations.tick();
        } catch (RuntimeException e) {
            // e.g. ZooKeeper away: nothing was acted on; the next tick tries again
            org.slf4j.LoggerFactory.getLogger(OperationRunner.class).warn("operations tick failed: {}", e.toString());
        }
        for (Runnable work : alongside) {
            try {
                work.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(OperationRunner.class).warn("scaling tick failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}

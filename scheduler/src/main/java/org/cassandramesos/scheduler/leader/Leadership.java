package org.cassandramesos.scheduler.leader;

import com.google.inject.Injector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this instance acts yet: the Mesos side is wired (read from ZooKeeper) only once it leads, so until then
 * there is no injector and the API answers as a standby.
 */
public final class Leadership {
    private final CompletableFuture<Injector> acting = new CompletableFuture<>();

    /** The leader's wiring is complete: the API may use it. */
    public void acting(Injector injector) {
        acting.complete(injector);
    }

    public boolean isActing() {
        return acting.isDone() && !acting.isCompletedExceptionally();
    }

    /** The leader's wiring; only once {@link #isActing()}. */
    public Injector injector() {
        Injector injector = acting.getNow(null);
        if (injector == null) {
            throw new IllegalStateException("this scheduler instance is not the leader");
        }
        return injector;
    }

    /** Waits up to {@code wait} for the leader's wiring. */
    public Injector await(Duration wait) {
        try {
            return acting.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("this scheduler instance did not become the leader within " + wait, e);
        }
    }
}

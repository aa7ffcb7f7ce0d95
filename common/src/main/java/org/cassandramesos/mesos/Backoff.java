package org.cassandramesos.mesos;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in
 * {@code [0, min(max, initial * 2^n)]}, so many clients restarting together do not retry in step.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private int attempt;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** The bound of the next wait, before jitter. */
    public Duration ceiling() {
        long factor = 1L << Math.min(attempt, 30);
        long millis = initial.toMillis() > max.toMillis() / factor ? max.toMillis() : initial.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** The next wait, and counts the attempt. */
    public Duration next() {
        Duration ceiling = ceiling();
        attempt++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1));
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}

package org.cassandramesos.localmode;

import java.time.Duration;

/**
 * How Marathon keeps the scheduler app running, as the root {@code marathon.json} asks: its MESOS_HTTP health check
 * ({@code /healthcheck} on the admin port) and its launch backoff. Local mode supervises the scheduler by the same
 * numbers, so what survives here survives on DC/OS.
 *
 * @param grace         no health check counts before this much time after a start ({@code gracePeriodSeconds})
 * @param interval      between health checks ({@code intervalSeconds})
 * @param timeout       of one health check ({@code timeoutSeconds})
 * @param maxFailures   consecutive failed checks that get the process killed ({@code maxConsecutiveFailures})
 * @param backoff       delay before the first relaunch ({@code backoffSeconds})
 * @param backoffFactor growth of the delay per relaunch ({@code backoffFactor})
 * @param maxBackoff    the delay's bound ({@code maxLaunchDelaySeconds})
 */
public record MarathonAppPolicy(
        Duration grace,
        Duration interval,
        Duration timeout,
        int maxFailures,
        Duration backoff,
        double backoffFactor,
        Duration maxBackoff) {

    /** The values of the root marathon.json (a test keeps them equal). */
    public static final MarathonAppPolicy SCHEDULER = new MarathonAppPolicy(
            Duration.ofSeconds(120),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            3,
            Duration.ofSeconds(1),
            1.15,
            Duration.ofSeconds(300));

    /** The delay before relaunch number {@code relaunches + 1}: backoff × factor^relaunches, bounded. */
    public Duration delayAfter(int relaunches) {
        double millis = backoff.toMillis() * Math.pow(backoffFactor, Math.max(0, relaunches));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}

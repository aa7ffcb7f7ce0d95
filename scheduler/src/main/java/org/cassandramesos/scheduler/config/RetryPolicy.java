package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Bounded retries with exponential backoff: nothing retries forever.
 *
 * @param maxAttempts    launches (first try included) before a step goes to ERROR
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff     cap of the doubling wait
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetryPolicy(
        @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("initial_backoff") Duration initialBackoff,
        @JsonProperty("max_backoff") Duration maxBackoff) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** Whether another attempt is allowed after {@code failedAttempts} failures. */
    public boolean allowsRetryAfter(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /** Wait before the next attempt after {@code failedAttempts} (≥ 1) failures: initial × 2^(n-1), capped. */
    public Duration backoffAfter(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}

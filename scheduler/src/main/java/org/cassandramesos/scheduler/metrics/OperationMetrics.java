package org.cassandramesos.scheduler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.cassandramesos.protocol.jobs.JobKind;

/**
 * Operations (repair, cleanup, upgradesstables, backup, restore): how many started, how each ended and how long it
 * took from its start to that end. An operation counts one end, the first it reaches: COMPLETE, FAILED (a step in
 * ERROR after its retries) or STOPPED by an operator.
 */
public final class OperationMetrics {
    /** How an operation ended. */
    public enum Outcome {
        COMPLETE,
        FAILED,
        STOPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Counter started;
    private final Counter finished;
    private final Histogram duration;

    OperationMetrics(PrometheusRegistry registry) {
        started = Counter.builder()
                .name(SchedulerMetrics.PREFIX + "operations_started")
                .help("Operations started, by kind")
                .labelNames("kind")
                .register(registry);
        finished = Counter.builder()
                .name(SchedulerMetrics.PREFIX + "operations_finished")
                .help("Operations ended, by kind and outcome (complete, failed, stopped)")
                .labelNames("kind", "outcome")
                .register(registry);
        duration = Histogram.builder()
                .name(SchedulerMetrics.PREFIX + "operation_duration_seconds")
                .help("From an operation's start to its end, by kind and outcome")
                .classicOnly()
                // operations take seconds on a test cluster and hours on a big one
                .classicUpperBounds(1, 10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400)
                .labelNames("kind", "outcome")
                .register(registry);
        // every series from the start, so rates and alerts have a zero to begin from
        for (JobKind kind : JobKind.values()) {
            started.initLabelValues(kind.wireName());
            for (Outcome outcome : Outcome.values()) {
                finished.initLabelValues(kind.wireName(), outcome.label());
                duration.initLabelValues(kind.wireName(), outcome.label());
            }
        }
    }

    public void started(String kind) {
        started.labelValues(kind).inc();
    }

    public void finished(String kind, Outcome outcome, Duration took) {
        finished.labelValues(kind, outcome.label()).inc();
        duration.labelValues(kind, outcome.label()).observe(Math.max(0, took.toMillis()) / 1000.0);
    }
}

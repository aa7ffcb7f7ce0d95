package org.cassandramesos.scheduler.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The scheduler's metrics in one Prometheus registry of its own (not the library's process-wide default, so two
 * schedulers in one JVM, as in tests, never share counters): what it counts as things happen ({@link OfferMetrics},
 * {@link OperationMetrics}, {@link ApiMetrics}), what it reads at each scrape ({@link StateGauges}) and Dropwizard's
 * own registry (Jetty's request timers, the JVM) through the Prometheus client's bridge. Served as Prometheus text at
 * {@code GET /v1/metrics} and on the admin port (docs/metrics.md).
 */
@Singleton
public final class SchedulerMetrics {
    /** The metric name prefix of everything the scheduler itself counts. */
    static final String PREFIX = "cassandra_mesos_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final OfferMetrics offers = new OfferMetrics(registry);
    private final OperationMetrics operations = new OperationMetrics(registry);
    private final ApiMetrics api = new ApiMetrics(registry);

    @Inject
    public SchedulerMetrics() {}

    public OfferMetrics offers() {
        return offers;
    }

    public OperationMetrics operations() {
        return operations;
    }

    public ApiMetrics api() {
        return api;
    }

    /** Gauges read from {@code state} at each scrape (plans, nodes, connections). */
    public void observe(ObservedState state) {
        StateGauges.register(registry, state);
    }

    /** Everything in Dropwizard's registry too: the API's request rates and latencies from Jetty, the JVM. */
    public void bridge(MetricRegistry dropwizard) {
        // the JVM comes from the Prometheus client's own instrumentation, under the names dashboards expect
        DropwizardExports.builder()
                .dropwizardRegistry(dropwizard)
                .metricFilter((name, metric) -> !name.startsWith("jvm."))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** The Content-Type of {@link #writeTo}: Prometheus text format 0.0.4. */
    public String contentType() {
        return text.getContentType();
    }

    public void writeTo(OutputStream out) throws IOException {
        text.write(out, registry.scrape());
    }

    /** The whole exposition as text, for tests and logs. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

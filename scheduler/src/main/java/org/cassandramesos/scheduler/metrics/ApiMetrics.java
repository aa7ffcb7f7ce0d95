package org.cassandramesos.scheduler.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The API's requests by route: rate ({@code _count}) and latency (buckets, {@code _sum}) per method, matched route
 * template ({@code /v1/nodes/{node}/info}, never the path as sent, so the series stay few) and status code. A request
 * refused before routing (401, the gates' 503) or matching no route has route {@code unmatched}.
 */
public final class ApiMetrics {
    static final String UNMATCHED = "unmatched";

    private final Histogram requests;

    ApiMetrics(PrometheusRegistry registry) {
        requests = Histogram.builder()
                .name(SchedulerMetrics.PREFIX + "api_request_duration_seconds")
                .help("API requests: count and time to answer, by method, route template and status")
                .classicOnly()
                .labelNames("method", "route", "status")
                .register(registry);
    }

    public void answered(String method, String route, int status, long nanos) {
        requests.labelValues(method, route == null || route.isEmpty() ? UNMATCHED : route, Integer.toString(status))
                .observe(nanos / 1e9);
    }
}

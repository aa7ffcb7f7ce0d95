package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.cassandramesos.scheduler.metrics.SchedulerMetrics;

/**
 * {@code GET /v1/metrics}: the scheduler's metrics as Prometheus text, behind the API's authentication like every
 * {@code /v1} route (a scraper sends the token as {@code Authorization: Bearer}; docs/metrics.md). Served by a standby
 * and while ZooKeeper is away too: those are the times someone looks.
 */
@Path("/v1/metrics")
public final class MetricsResource {
    private final SchedulerMetrics metrics;

    public MetricsResource(SchedulerMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape() {
        StreamingOutput body = metrics::writeTo;
        return Response.ok(body).type(metrics.contentType()).build();
    }
}

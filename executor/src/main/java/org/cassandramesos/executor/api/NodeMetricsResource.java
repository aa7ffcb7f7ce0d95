package org.cassandramesos.executor.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.cassandramesos.executor.metrics.ExecutorMetrics;

/** {@code GET /v1/metrics}: the executor's own metrics as Prometheus text, behind the node token like every route. */
@Path("/v1/metrics")
public final class NodeMetricsResource {
    private final ExecutorMetrics metrics;

    public NodeMetricsResource(ExecutorMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape() {
        StreamingOutput body = metrics::writeTo;
        return Response.ok(body).type(metrics.contentType()).build();
    }
}

package org.cassandramesos.scheduler.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A standby instance (not elected, or elected and still reading its state) answers every request 503, after the
 * authentication filter has decided (deny by default comes first: a caller without a token learns nothing, not even
 * that this is a standby). {@code /ready} says {@code {"ready": false}} as it does before the deploy completes, so
 * Marathon never counts a standby as ready; {@code /docs} is static and still served.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
public final class StandbyGate implements ContainerRequestFilter {
    static final String MESSAGE = "this scheduler instance is a standby: another instance of the service is the leader "
            + "(ZooKeeper leader election) and this one takes over if it goes; retry shortly";

    /** Metrics say what a standby is doing (docs/metrics.md): a scraper of every instance sees which one leads. */
    static final String METRICS = "v1/metrics";

    private final BooleanSupplier acting;

    public StandbyGate(BooleanSupplier acting) {
        this.acting = acting;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (acting.getAsBoolean()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (path.equals("docs") || path.equals(METRICS)) {
            return;
        }
        Object body = path.equals("ready") ? Map.of("ready", false) : Map.of("message", MESSAGE);
        request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build());
    }
}

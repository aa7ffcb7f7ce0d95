package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Status;

/**
 * {@code GET /ready}: Marathon's readiness probe, 200 once the deploy plan is COMPLETE, 503 before. It is on the API
 * port because Marathon connects from another host and the admin port listens on loopback only; so it needs no
 * token, and it tells nothing but ready or not.
 */
@Path("/ready")
@Produces(MediaType.APPLICATION_JSON)
public final class ReadinessResource {
    private final java.util.function.BooleanSupplier ready;

    @Inject
    public ReadinessResource(DeployPlanManager deploy) {
        this(() -> deploy.deploy().status() == Status.COMPLETE);
    }

    /** @param ready whether the scheduler is ready now */
    public ReadinessResource(java.util.function.BooleanSupplier ready) {
        this.ready = ready;
    }

    @GET
    public Response ready() {
        boolean ready = this.ready.getAsBoolean();
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("ready", ready))
                .build();
    }
}

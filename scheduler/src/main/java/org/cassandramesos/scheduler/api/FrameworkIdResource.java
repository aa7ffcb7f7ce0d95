package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /v1/state/frameworkId}: the Mesos framework id, as a one-element JSON array like dcos-commons serves it
 * (Cosmos reads it while uninstalling); 404 before the first SUBSCRIBED.
 */
@Path("/v1/state/frameworkId")
@Produces(MediaType.APPLICATION_JSON)
public final class FrameworkIdResource {
    private final Supplier<Optional<String>> frameworkId;

    public FrameworkIdResource(Supplier<Optional<String>> frameworkId) {
        this.frameworkId = frameworkId;
    }

    @GET
    public List<String> frameworkId() {
        return List.of(frameworkId
                .get()
                .orElseThrow(() -> ApiErrors.notFound("no framework id: the scheduler has not registered with Mesos")));
    }
}

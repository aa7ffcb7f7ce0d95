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
 * While ZooKeeper is not connected, every {@code /v1} route answers 503 at once, after the authentication filter (deny
 * by default comes first) and after the {@link StandbyGate}. Writes must not be taken: they could not be stored. Reads
 * are refused as well: most answers (nodes, tasks, operations, the framework id) are read from ZooKeeper at request
 * time, and such a read would first wait for the connection (Curator's connection timeout, 15 s, on each of its
 * retries) before it failed. Only the deploy plan is held in memory, and rather than answer some state routes and not
 * others the API answers none. Still served: {@code /ready} (from the plan in memory, which only changes after it is
 * stored), {@code /docs}, and the backup file store ({@code /v1/backups}, but not {@code /v1/backups/_status}), which
 * lives in S3 and reads nothing from ZooKeeper, and {@code /v1/metrics}, which then leaves out what it would read there.
 * A request already past this gate when the connection goes gets the
 * same 503 from {@link StateUnavailableMapper}.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 200)
public final class ZooKeeperGate implements ContainerRequestFilter {
    static final String MESSAGE = "ZooKeeper is not connected: the scheduler cannot read or store its state, so it "
            + "changes nothing and acts on nothing until ZooKeeper is back; retry shortly";

    private final BooleanSupplier connected;

    public ZooKeeperGate(BooleanSupplier connected) {
        this.connected = connected;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (connected.getAsBoolean()) {
            return;
        }
        if (needsNoState(request.getUriInfo().getPath())) {
            return;
        }
        request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 503, "message", MESSAGE))
                .build());
    }

    /** Routes that read and write nothing in ZooKeeper ({@code path} is relative to the API's base). */
    static boolean needsNoState(String path) {
        if (path.equals("docs") || path.equals("ready") || path.equals(StandbyGate.METRICS)) {
            return true; // metrics read no state while ZooKeeper is away (zookeeper_connected 0 says why)
        }
        boolean backups = path.equals("v1/backups") || path.startsWith("v1/backups/");
        return backups && !path.equals("v1/backups/_status");
    }
}

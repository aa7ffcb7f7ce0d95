package org.cassandramesos.executor.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;

/**
 * Seed 003's verbs on this node's Cassandra process: start, stop (kill now), shutdown (drain + graceful stop), reset
 * (kill + start), and info. The verbs answer 204 once done (start: once the process runs; readiness follows).
 */
@Path("/v1/cassandra")
@Produces(MediaType.APPLICATION_JSON)
public final class LifecycleResource {
    /** The scheduler waits as long (DECOMMISSION_TIMEOUT_S, default 2 h); streaming a large node takes hours. */
    private static final Duration DECOMMISSION_TIMEOUT = Duration.ofHours(2);

    private final CassandraVerbs lifecycle;

    public LifecycleResource(CassandraVerbs lifecycle) {
        this.lifecycle = lifecycle;
    }

    @POST
    @Path("start")
    public Response start() throws IOException {
        try {
            lifecycle.start();
        } catch (CassandraVerbs.AlreadyRunningException e) {
            return ErrorMapper.json(409, e.getMessage());
        }
        return Response.noContent().build();
    }

    @POST
    @Path("stop")
    public Response stop() throws InterruptedException {
        lifecycle.stop();
        return Response.noContent().build();
    }

    @POST
    @Path("shutdown")
    public Response shutdown() throws InterruptedException {
        lifecycle.shutdown();
        return Response.noContent().build();
    }

    @POST
    @Path("reset")
    public Response reset() throws IOException, InterruptedException {
        lifecycle.reset();
        return Response.noContent().build();
    }

    /** Seed 003 destroy, executor side: leave the ring, then stop. 409 when not running or Cassandra refuses. */
    @POST
    @Path("decommission")
    public Response decommission() throws InterruptedException {
        try {
            lifecycle.decommission(DECOMMISSION_TIMEOUT);
        } catch (CassandraVerbs.NotRunningException e) {
            return ErrorMapper.json(409, e.getMessage());
        } catch (JmxException e) {
            return ErrorMapper.json(409, "decommission refused: " + e.getMessage());
        }
        return Response.noContent().build();
    }

    /**
     * removenode through this node, for a dead member (its agent gone): {@code {"address": "IP"}}. 204 once removed;
     * 400 bad address or this node's own; 404 no member has it; 409 not running, or Cassandra refuses (e.g. it is alive).
     */
    @POST
    @Path("removenode")
    @Consumes(MediaType.WILDCARD)
    public Response removeNode(String body) {
        String address;
        try {
            address = RemoveNodeBody.address(body);
        } catch (IllegalArgumentException e) {
            return ErrorMapper.json(400, e.getMessage());
        }
        try {
            lifecycle.removeNode(address, DECOMMISSION_TIMEOUT);
        } catch (CassandraVerbs.NotInRingException e) {
            return ErrorMapper.json(404, e.getMessage());
        } catch (CassandraVerbs.NotRunningException e) {
            return ErrorMapper.json(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ErrorMapper.json(400, e.getMessage());
        } catch (JmxException e) {
            return ErrorMapper.json(409, "removenode refused: " + e.getMessage());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("info")
    public NodeProcessInfo info() {
        return lifecycle.info();
    }
}

package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.ops.OperationConflict;
import org.cassandramesos.scheduler.ops.OperationManager;
import org.cassandramesos.scheduler.ops.OperationRequests;
import org.cassandramesos.scheduler.ops.OperationStatus;

/**
 * Seed 002 operations: {@code PUT /v1/{op}/start|stop}, {@code GET /v1/{op}/status} for repair, cleanup,
 * upgradesstables, backup and restore. Each runs as the plan {@code /v1/plans/{op}}.
 */
@Path("/v1/{op}")
@Produces(MediaType.APPLICATION_JSON)
public final class OperationsResource {
    private final OperationManager operations;

    @jakarta.inject.Inject
    public OperationsResource(OperationManager operations) {
        this.operations = operations;
    }

    /** 202 {@code {"status":"started","message":""}}; the body is never echoed (it may hold S3 keys). */
    @PUT
    @Path("start")
    @Consumes(MediaType.WILDCARD)
    public Response start(@PathParam("op") String op, String body) {
        JobKind kind = kind(op);
        try {
            operations.start(kind, body);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        } catch (OperationConflict e) {
            throw ApiErrors.conflict(e.getMessage());
        }
        return Response.accepted(answer("started")).build();
    }

    @PUT
    @Path("stop")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("op") String op) {
        JobKind kind = kind(op);
        try {
            operations.stop(kind);
        } catch (OperationConflict e) {
            throw ApiErrors.conflict(e.getMessage());
        }
        return Response.accepted(answer("stopped")).build();
    }

    @GET
    @Path("status")
    public OperationStatus status(@PathParam("op") String op) {
        return operations.status(kind(op));
    }

    private static JobKind kind(String op) {
        try {
            return OperationRequests.kind(op);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    private static Map<String, String> answer(String status) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("message", "");
        return answer;
    }
}

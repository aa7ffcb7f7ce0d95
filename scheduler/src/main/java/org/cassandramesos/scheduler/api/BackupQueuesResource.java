package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cassandramesos.scheduler.ops.OperationManager;

/**
 * Seed 001 {@code GET /v1/backups/_status}: per node, the files the running backup still has to upload
 * ({@code {"queues":{"node-0":{"length":N}}}}; 0 when no backup runs). Its own class, so it sits beside the
 * {@code /v1/backups/{name}} resource without colliding.
 */
@Path("/v1/backups/_status")
@Produces(MediaType.APPLICATION_JSON)
public final class BackupQueuesResource {
    private final OperationManager operations;

    @jakarta.inject.Inject
    public BackupQueuesResource(OperationManager operations) {
        this.operations = operations;
    }

    @GET
    public Map<String, Map<String, Map<String, Long>>> queues() {
        Map<String, Map<String, Long>> queues = new LinkedHashMap<>();
        operations.backupQueues().forEach((node, length) -> queues.put(node, Map.of("length", length)));
        return Map.of("queues", queues);
    }
}

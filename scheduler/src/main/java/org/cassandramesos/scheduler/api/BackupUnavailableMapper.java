package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.cassandramesos.scheduler.backup.BackupAccess.BackupUnavailableException;

/** Every backups route answers 503 while no usable backup location is configured. */
public final class BackupUnavailableMapper implements ExceptionMapper<BackupUnavailableException> {
    @Override
    public Response toResponse(BackupUnavailableException exception) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 503, "message", exception.getMessage()))
                .build();
    }
}

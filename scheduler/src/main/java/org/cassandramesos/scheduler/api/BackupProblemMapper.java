package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.cassandramesos.scheduler.backup.BackupProblem;
import org.cassandramesos.scheduler.backup.UploadSpool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The backups API's problems as JSON errors: 400, 404, 408, 409, 413, 503 (busy, with Retry-After) or 502 when the backup store failed. */
public final class BackupProblemMapper implements ExceptionMapper<BackupProblem> {
    private static final Logger LOG = LoggerFactory.getLogger(BackupProblemMapper.class);

    @Override
    public Response toResponse(BackupProblem problem) {
        int status = switch (problem.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CLIENT_TIMEOUT -> 408;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case STORE_FAILED -> 502;
            case BUSY -> 503;
        };
        if (status == 502) {
            LOG.warn("backups API: {}", problem.getMessage());
        }
        Response.ResponseBuilder answer = Response.status(status);
        if (problem.kind() == BackupProblem.Kind.BUSY) {
            answer.header("Retry-After", UploadSpool.RETRY_AFTER_SECONDS);
        }
        return answer.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", status, "message", problem.getMessage()))
                .build();
    }
}

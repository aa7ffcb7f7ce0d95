package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.regex.Pattern;
import org.cassandramesos.apibounds.BodyTooLarge;
import org.cassandramesos.apibounds.RequestBodyLimit;

/**
 * The scheduler API's body bounds: a backup file upload ({@code PUT /v1/backups/{name}/files/...}) may send up to
 * {@code BACKUP_MAX_FILE_MB}; every other request up to {@code MAX_REQUEST_BODY_KB}.
 */
public final class ApiBodyLimits {
    private static final Pattern FILE_UPLOAD = Pattern.compile("/v1/backups/[^/]+/files/.+");

    private ApiBodyLimits() {}

    public static RequestBodyLimit filter(long maxRequestBodyKb, long maxFileBytes) {
        RequestBodyLimit.Limit requests = new RequestBodyLimit.Limit(maxRequestBodyKb * 1024, "MAX_REQUEST_BODY_KB");
        RequestBodyLimit.Limit files = new RequestBodyLimit.Limit(maxFileBytes, "BACKUP_MAX_FILE_MB", true);
        return new RequestBodyLimit((method, path) ->
                "PUT".equals(method) && FILE_UPLOAD.matcher(path).matches() ? files : requests);
    }

    /** A chunked body that went past its bound while a resource read it: 413. */
    public static final class TooLargeMapper implements ExceptionMapper<BodyTooLarge> {
        @Override
        public Response toResponse(BodyTooLarge tooLarge) {
            return Response.status(413)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("code", 413, "message", tooLarge.getMessage()))
                    .build();
        }
    }
}

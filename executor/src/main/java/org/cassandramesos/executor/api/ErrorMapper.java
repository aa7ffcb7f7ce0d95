package org.cassandramesos.executor.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.cassandramesos.apibounds.BodyTooLarge;
import org.cassandramesos.executor.jmx.JmxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures become answers a client can read: JSON on {@code /v1/...}, the XML error document elsewhere. A JMX
 * failure (Cassandra not answering) is 503; a body past its bound 413; anything unexpected is 500 (no details).
 */
public final class ErrorMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Exception error) {
        if (error instanceof WebApplicationException web) {
            Response original = web.getResponse();
            return render(original.getStatus(), web.getMessage());
        }
        if (error instanceof JmxException) {
            return render(503, error.getMessage());
        }
        if (error instanceof BodyTooLarge tooLarge) {
            return render(413, tooLarge.getMessage());
        }
        // the details (exception class, stack) go to the executor's log only, never into the answer
        LOG.error("node API request {} failed", uri == null ? "?" : uri.getPath(), error);
        return render(500, "the node API failed to handle the request; the executor's log (stderr) has the details");
    }

    /** The JSON error answer of the {@code /v1} routes: {@code {"message": "..."}}. */
    static Response json(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("message", String.valueOf(message)))
                .build();
    }

    private Response render(int status, String message) {
        boolean json = uri != null && uri.getPath().startsWith("v1/")
                || uri != null && uri.getPath().startsWith("/v1/");
        return json
                ? json(status, message)
                : Response.status(status)
                        .type(MediaType.APPLICATION_XML_TYPE)
                        .entity(XmlDocuments.error(String.valueOf(message)))
                        .build();
    }
}

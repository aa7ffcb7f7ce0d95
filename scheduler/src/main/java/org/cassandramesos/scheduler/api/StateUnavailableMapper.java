package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.cassandramesos.scheduler.state.PersisterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper unreachable (or its data unreadable): 503, because the scheduler cannot answer from state it
 * cannot read, and a retry later may succeed.
 */
public final class StateUnavailableMapper implements ExceptionMapper<PersisterException> {
    private static final Logger LOG = LoggerFactory.getLogger(StateUnavailableMapper.class);

    @Override
    public Response toResponse(PersisterException exception) {
        LOG.warn("API request failed on the state store: {}", exception.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 503, "message", "state store unavailable: " + exception.getMessage()))
                .build();
    }
}

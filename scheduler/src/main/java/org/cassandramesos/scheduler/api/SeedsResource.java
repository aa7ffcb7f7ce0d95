package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * {@code GET /v1/seeds}: IPs of the seed nodes that have been placed (a seed being replaced elsewhere is
 * left out until it is placed again).
 */
@Path("/v1/seeds")
@Produces(MediaType.APPLICATION_JSON)
public final class SeedsResource {
    private final NodeDirectory nodes;

    public record Seeds(@JsonProperty("seeds") List<String> seeds) {}

    @Inject
    public SeedsResource(TaskStore tasks, ConfigStore configs) {
        this.nodes = new NodeDirectory(tasks, configs);
    }

    @GET
    public Seeds seeds() {
        return new Seeds(nodes.all().stream()
                .filter(NodeState::seed)
                .filter(node -> node.record().map(r -> !r.permanentlyFailed()).orElse(false))
                .map(node -> node.ip().orElseThrow())
                .toList());
    }
}

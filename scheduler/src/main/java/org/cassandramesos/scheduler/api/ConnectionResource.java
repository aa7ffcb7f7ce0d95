package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;

/** {@code /v1/connection}: where clients connect (nodes that serve CQL only: running, not stopped by an operator). */
@Path("/v1/connection")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectionResource {
    private final NodeDirectory nodes;
    private final String serviceName;

    @Inject
    public ConnectionResource(TaskStore tasks, ConfigStore configs, ServiceConfig service) {
        this.nodes = new NodeDirectory(tasks, configs);
        this.serviceName = service.serviceName();
    }

    @GET
    public ConnectionInfo connection() {
        return ConnectionInfo.of(nodes.all(), serviceName);
    }

    @GET
    @Path("address")
    public List<String> address() {
        return connection().address();
    }

    @GET
    @Path("dns")
    public List<String> dns() {
        return connection().dns();
    }
}

package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;

/** {@code /v1/nodes}: the nodes, their live status (from their executors), restart and replace. */
@Path("/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public final class NodesResource {
    private final NodeDirectory nodes;
    private final NodeOperations operations;
    private final NodeStatusProxy statusProxy;

    public NodesResource(TaskStore tasks, ConfigStore configs, NodeOperations operations, NodeStatusProxy statusProxy) {
        this.nodes = new NodeDirectory(tasks, configs);
        this.operations = operations;
        this.statusProxy = statusProxy;
    }

    @GET
    @Path("list")
    public List<String> list() {
        return nodes.names();
    }

    @GET
    @Path("{node}/info")
    public NodeInfo info(@PathParam("node") String node) {
        return NodeInfo.of(nodes.require(node));
    }

    @GET
    @Path("{node}/status")
    public Response status(@PathParam("node") String node) {
        return statusProxy.status(nodes.require(node));
    }

    /** Kills the node's task; it comes back on the same agent with the same volume. */
    @PUT
    @Path("restart")
    public List<String> restart(@QueryParam("node") String node) {
        return act(node, operations::restart);
    }

    /** Kills the node's task for good; it comes back on another agent, taking over its old address. */
    @PUT
    @Path("replace")
    public List<String> replace(@QueryParam("node") String node) {
        return act(node, operations::replace);
    }

    private List<String> act(String node, Function<String, List<String>> operation) {
        nodes.require(ApiErrors.required("node", node));
        try {
            return operation.apply(node);
        } catch (NoSuchElementException e) {
            throw ApiErrors.notFound(e.getMessage() == null ? "no node " + node : e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiErrors.conflict(e.getMessage() == null ? node + " is busy" : e.getMessage());
        }
    }
}

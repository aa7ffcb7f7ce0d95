package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.cassandramesos.protocol.jobs.NodeProcessInfo;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.ops.ExecutorUnreachable;
import org.cassandramesos.scheduler.ops.NodeLifecycle;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.ops.OperationConflict;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;

/** {@code /v1/nodes}: the nodes, their live status (from their executors), restart, replace and the seed 003 verbs. */
@Path("/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public final class NodesResource {
    private final NodeDirectory nodes;
    private final NodeOperations operations;
    private final NodeStatusProxy statusProxy;

    private final NodeLifecycle lifecycle;
    private final org.cassandramesos.scheduler.ops.NodeCreation creation;
    private final String taskUser;

    @jakarta.inject.Inject
    public NodesResource(
            TaskStore tasks,
            ConfigStore configs,
            NodeOperations operations,
            NodeStatusProxy statusProxy,
            NodeLifecycle lifecycle,
            org.cassandramesos.scheduler.ops.NodeCreation creation,
            ServiceConfig service) {
        this.creation = creation;
        this.nodes = new NodeDirectory(tasks, configs);
        this.operations = operations;
        this.statusProxy = statusProxy;
        this.lifecycle = lifecycle;
        this.taskUser = service.user();
    }

    /**
     * The node names; with {@code resources=true}, seed 003's {@code /servers/list} rows instead: each node's name,
     * cpus and mem_mb ({@link NodeResources}). Without the flag the plain list keeps its shape.
     */
    @GET
    @Path("list")
    public Object list(@QueryParam("resources") String resources) {
        if (!flag("resources", resources)) {
            return nodes.names();
        }
        Optional<NodesConfig> configured = nodes.configured();
        return nodes.all().stream()
                .map(node -> NodeResources.of(node, configured))
                .toList();
    }

    /** Seed 003 {@code /servers/info}: every node's info, in index order, as {@code /v1/nodes/{node}/info} answers it. */
    @GET
    @Path("info")
    public List<NodeInfo> infoOfAll() {
        List<NodeState> all = nodes.all();
        Map<String, Optional<NodeProcessInfo>> processes =
                lifecycle.processInfos(all.stream().map(NodeState::name).toList());
        return all.stream()
                .map(node -> NodeInfo.of(node, processes.get(node.name()), taskUser))
                .toList();
    }

    @GET
    @Path("{node}/info")
    public NodeInfo info(@PathParam("node") String node) {
        NodeState state = nodes.require(node);
        return NodeInfo.of(state, lifecycle.processInfo(node), taskUser);
    }

    /** A {@code true}/{@code false} query flag; absent is false; anything else is a 400. */
    private static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiErrors.badRequest("query parameter '" + name + "' must be true or false");
    }

    /** Seed 003: brings a stopped node back (a destroyed one is re-created fresh). */
    @POST
    @Path("{node}/start")
    @Consumes(MediaType.WILDCARD)
    public Response start(@PathParam("node") String node) {
        return verb(node, () -> lifecycle.start(node));
    }

    /** Seed 003: kills Cassandra now, like a power failure; data kept; nothing relaunches it until start. */
    @POST
    @Path("{node}/stop")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("node") String node) {
        return verb(node, () -> lifecycle.stop(node, false));
    }

    /** Seed 003: drains and stops Cassandra gracefully; nothing relaunches it until start. */
    @POST
    @Path("{node}/shutdown")
    @Consumes(MediaType.WILDCARD)
    public Response shutdown(@PathParam("node") String node) {
        return verb(node, () -> lifecycle.stop(node, true));
    }

    /** Seed 003: hard restart of the Cassandra process. */
    @POST
    @Path("{node}/reset")
    @Consumes(MediaType.WILDCARD)
    public Response reset(@PathParam("node") String node) {
        return verb(node, () -> lifecycle.reset(node));
    }

    /** Seed 003 create: one node more, the next number (a scale-out by one); 201 with its name. */
    @POST
    @Path("create")
    @Consumes(MediaType.WILDCARD)
    public Response create() {
        return created(false);
    }

    /** Seed 003 create/stopped: as create, placed with Cassandra left stopped until start. */
    @POST
    @Path("create/stopped")
    @Consumes(MediaType.WILDCARD)
    public Response createStopped() {
        return created(true);
    }

    private Response created(boolean stopped) {
        String node;
        try {
            node = creation.create(stopped);
        } catch (org.cassandramesos.scheduler.ops.OperationConflict e) {
            throw ApiErrors.conflict(e.getMessage());
        }
        return Response.status(Response.Status.CREATED)
                .location(java.net.URI.create("/v1/nodes/" + node + "/info"))
                .entity(Map.of("node", node))
                .build();
    }

    /** Seed 003: decommission (in the background), then kill the task and release reservation and volume. */
    @POST
    @Path("{node}/destroy")
    @Consumes(MediaType.WILDCARD)
    public Response destroy(@PathParam("node") String node) {
        return verb(node, () -> lifecycle.destroy(node));
    }

    /**
     * A node whose agent is gone: a live node runs removenode for it (in the background), then its reservation and
     * record go as with destroy. 409 while its task runs (destroy it) or no other node runs.
     */
    @POST
    @Path("{node}/remove")
    @Consumes(MediaType.WILDCARD)
    public Response remove(@PathParam("node") String node) {
        return verb(node, () -> lifecycle.remove(node));
    }

    /** Seed 003: per-node settings ({@code tags}, {@code user:*}), JSON object or form; answers the node's info. */
    @POST
    @Path("{node}/set")
    @Consumes(MediaType.WILDCARD)
    public NodeInfo set(
            @PathParam("node") String node, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        nodes.require(node);
        Map<String, String> settings;
        try {
            settings = SettingsBody.parse(contentType, body);
            lifecycle.set(node, settings);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        } catch (NoSuchElementException e) {
            throw ApiErrors.notFound(e.getMessage());
        }
        return info(node);
    }

    private Response verb(String node, Runnable action) {
        nodes.require(node);
        try {
            action.run();
        } catch (NoSuchElementException e) {
            throw ApiErrors.notFound(e.getMessage());
        } catch (OperationConflict e) {
            throw ApiErrors.conflict(e.getMessage());
        } catch (ExecutorUnreachable e) {
            throw ApiErrors.badGateway(e.getMessage());
        }
        return Response.noContent().build();
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

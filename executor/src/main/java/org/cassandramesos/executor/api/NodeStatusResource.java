package org.cassandramesos.executor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jmx.NodeStatus;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.Secrets;
import org.cassandramesos.protocol.TaskData;

/** JSON status and configuration of the node, for the scheduler and operators. */
@Path("/v1/cassandra")
@Produces(MediaType.APPLICATION_JSON)
public final class NodeStatusResource {
    private final CassandraNode node;

    public NodeStatusResource(CassandraNode node) {
        this.node = node;
    }

    /**
     * @param cassandra what JMX says, when Cassandra answers
     * @param jmxError  why JMX did not answer, when it did not
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            @JsonProperty("node") String node,
            @JsonProperty("ip") String ip,
            @JsonProperty("running") boolean running,
            @JsonProperty("pid") Long pid,
            @JsonProperty("error") String error,
            @JsonProperty("cassandra") NodeStatus cassandra,
            @JsonProperty("jmx_error") String jmxError) {}

    @GET
    @Path("status")
    public Status status() {
        boolean running = node.isRunning();
        Long pid = node.process().pid().isPresent() ? node.process().pid().getAsLong() : null;
        NodeStatus cassandra = null;
        String jmxError = null;
        if (running) {
            try {
                cassandra = node.status();
            } catch (JmxException e) {
                jmxError = e.getMessage();
            }
        }
        return new Status(node.spec().nodeName(), node.ip(), running, pid, node.error(), cassandra, jmxError);
    }

    /**
     * Every keyspace's replication ({@code system_schema.keyspaces}, read over CQL from this node): 409 while Cassandra
     * is not running, 503 when it does not answer.
     */
    @GET
    @Path("keyspaces")
    public jakarta.ws.rs.core.Response keyspaces() {
        if (!node.isRunning()) {
            return ErrorMapper.json(409, "Cassandra is not running on this node");
        }
        try {
            return jakarta.ws.rs.core.Response.ok(node.keyspaceReplications()).build();
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            return ErrorMapper.json(503, "Cassandra did not answer the keyspaces query: " + e.getMessage());
        }
    }

    /** The node spec and the rendered cassandra.yaml, secrets redacted. */
    @GET
    @Path("configuration")
    @SuppressWarnings("unchecked")
    public Map<String, Object> configuration() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("node_spec", Secrets.redact(TaskData.mapper().convertValue(node.spec(), Map.class)));
        result.put("cassandra_yaml", Secrets.redact(node.configuration()));
        return result;
    }
}

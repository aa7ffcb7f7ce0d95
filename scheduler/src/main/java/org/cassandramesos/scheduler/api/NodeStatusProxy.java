package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.scheduler.ops.NodeAddress;
import org.cassandramesos.scheduler.ops.NodeApiClient;
import org.cassandramesos.scheduler.ops.NodeApiToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a node's executor for its live Cassandra status ({@code GET /v1/cassandra/status} on the node
 * API) through the one {@link NodeApiClient}. Bounded: an executor that does not answer in time is a 502,
 * never a hung API thread.
 */
public final class NodeStatusProxy {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStatusProxy.class);

    private final NodeApiClient client;

    public NodeStatusProxy(NodeApiClient client) {
        this.client = client;
    }

    public NodeStatusProxy(String token, Duration timeout) {
        this(new NodeApiClient(new NodeApiToken(token), timeout));
    }

    /** The executor's answer (200), else a 502 naming why; answered, not thrown, so an expected outage logs no stack trace. */
    Response status(NodeState node) {
        if (node.ip().isEmpty() || node.task().isEmpty()) {
            return badGateway(node.name() + " has no task yet");
        }
        Optional<NodeAddress> address = node.address();
        if (address.isEmpty()) {
            return badGateway(node.name() + " has no node API port");
        }
        NodeApiClient.Answer answer;
        try {
            answer = client.cassandraStatus(address.get());
        } catch (NodeApiClient.Unreachable e) {
            return badGateway(e.getMessage());
        }
        if (answer.status() != 200) {
            return badGateway("the executor of " + node.name() + " answered " + answer.status());
        }
        return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response badGateway(String message) {
        LOG.info("node API: {}", message);
        return Response.status(Response.Status.BAD_GATEWAY)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 502, "message", message))
                .build();
    }
}

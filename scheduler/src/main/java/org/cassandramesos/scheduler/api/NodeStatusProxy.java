package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a node's executor for its live Cassandra status ({@code GET /v1/cassandra/status} on the node
 * API) with the node API token. Bounded: an executor that does not answer in time is a 502, never a
 * hung API thread.
 */
public final class NodeStatusProxy {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStatusProxy.class);
    /** Environment variable holding the token the executors' node APIs accept. */
    public static final String TOKEN_ENV = "NODE_API_TOKEN";

    private final HttpClient http;
    private final String token;
    private final Duration timeout;

    public NodeStatusProxy(String token, Duration timeout) {
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static NodeStatusProxy fromEnvironment(Map<String, String> env) {
        return new NodeStatusProxy(env.get(TOKEN_ENV), Duration.ofSeconds(5));
    }

    /** The executor's answer (200), else a 502 naming why; answered, not thrown, so an expected outage logs no stack trace. */
    Response status(NodeState node) {
        if (node.ip().isEmpty() || node.task().isEmpty()) {
            return badGateway(node.name() + " has no task yet");
        }
        String ip = node.ip().get();
        if (node.nodeApiPort().isEmpty()) {
            return badGateway(node.name() + " has no node API port");
        }
        int port = node.nodeApiPort().get();
        URI uri = URI.create("http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port + "/v1/cassandra/status");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(HttpHeaders.AUTHORIZATION, "token=" + token)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                .GET()
                .build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return badGateway("the executor of " + node.name() + " at " + ip + ":" + port
                    + " did not answer within " + timeout.toSeconds() + "s");
        } catch (IOException e) {
            return badGateway("cannot reach the executor of " + node.name() + " at " + ip + ":" + port
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return badGateway("interrupted while asking the executor of " + node.name());
        }
        if (answer.statusCode() != 200) {
            return badGateway("the executor of " + node.name() + " answered " + answer.statusCode());
        }
        return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response badGateway(String message) {
        LOG.info("node status: {}", message);
        return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", 502, "message", message)).build();
    }
}

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

/**
 * Asks a node's executor for its live Cassandra status ({@code GET /v1/cassandra/status} on the node
 * API) with the node API token. Bounded: an executor that does not answer in time is a 502, never a
 * hung API thread.
 */
public final class NodeStatusProxy {
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

    Response status(NodeState node) {
        String ip = node.ip().orElseThrow(() -> ApiErrors.badGateway(node.name() + " has not been placed yet"));
        int port = node.nodeApiPort().orElseThrow(() -> ApiErrors.badGateway(node.name() + " has no node API port"));
        if (node.task().isEmpty()) {
            throw ApiErrors.badGateway(node.name() + " has no task");
        }
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
            throw ApiErrors.badGateway("the executor of " + node.name() + " at " + ip + ":" + port
                    + " did not answer within " + timeout.toSeconds() + "s");
        } catch (IOException e) {
            throw ApiErrors.badGateway("cannot reach the executor of " + node.name() + " at " + ip + ":" + port
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.badGateway("interrupted while asking the executor of " + node.name());
        }
        if (answer.statusCode() != 200) {
            throw ApiErrors.badGateway("the executor of " + node.name() + " answered " + answer.statusCode());
        }
        return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}

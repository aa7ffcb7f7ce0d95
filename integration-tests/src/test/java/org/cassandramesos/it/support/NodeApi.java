package org.cassandramesos.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.cassandramesos.protocol.TaskData;

/** The executor's node API over real HTTP, with the node token. */
public final class NodeApi {
    /** A restart drains and stops Cassandra before starting it again. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public NodeApi(String ip, int port, String token) {
        this.base = URI.create("http://" + ip + ":" + port + "/");
        this.token = token;
    }

    public record Reply(int status, String body) {}

    public Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public Reply put(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply postForm(String path, String form) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code GET /v1/cassandra/status} as JSON. */
    public JsonNode status() throws IOException, InterruptedException {
        Reply reply = get("v1/cassandra/status");
        if (reply.status() != 200) {
            throw new IOException("node status answered " + reply.status() + ": " + reply.body());
        }
        return TaskData.mapper().readTree(reply.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "token=" + token);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}

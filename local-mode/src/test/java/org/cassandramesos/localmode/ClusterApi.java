package org.cassandramesos.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The scheduler's REST API as an operator's script uses it: token in the header, JSON both ways. */
final class ClusterApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String token;

    ClusterApi(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The framework id the scheduler serves (as Cosmos reads it). */
    String frameworkId() throws IOException, InterruptedException {
        Answer answer = get("/v1/state/frameworkId");
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /v1/state/frameworkId answered " + answer.status());
        }
        return answer.body().get(0).asText();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "token=" + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(
                response.statusCode(), body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
    }
}

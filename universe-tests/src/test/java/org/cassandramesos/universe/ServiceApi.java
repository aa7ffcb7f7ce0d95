package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The service's REST API as the DC/OS CLI calls it: {@code Authorization: token=<DC/OS authentication token>}. */
final class ServiceApi {
    record Answer(int status, JsonNode body) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String token;

    ServiceApi(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(api.resolve(path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "token=" + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(
                response.statusCode(),
                body == null || body.isBlank() ? UniverseFiles.JSON.nullNode() : UniverseFiles.JSON.readTree(body));
    }
}

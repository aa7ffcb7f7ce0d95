package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The scheduler's REST API over HTTP: sends the token, turns failures into {@link CliFailure}s. */
public final class SchedulerRestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_MEDIA = "application/json";

    private final SchedulerTarget target;
    private final HttpClient http;

    public SchedulerRestClient(SchedulerTarget target) {
        this.target = target;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(target.tls().sslContext())
                .build();
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(body);
            }
        }
    }

    public Response get(String path, Integer... alsoAccepted) {
        return send("GET", path, null, alsoAccepted);
    }

    public Response post(String path) {
        return send("POST", path, null);
    }

    public Response put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** @param alsoAccepted non-2xx statuses that carry a normal answer (a plan in progress answers 503) */
    public Response send(String method, String path, JsonNode body, Integer... alsoAccepted) {
        return send(method, URI.create(target.baseUrl() + path), path, body, JSON_MEDIA, JSON_MEDIA, alsoAccepted);
    }

    /**
     * Where {@code /cosmos/service/...} is served: the cluster's URL in DC/OS mode, local mode's stand-in with {@code
     * --url} and CASSANDRA_MESOS_COSMOS_URL; empty otherwise.
     */
    public Optional<URI> cosmosUrl() {
        return target.cosmosUrl();
    }

    /**
     * {@code POST <cosmos_url>/cosmos/service/<action>} with Cosmos' versioned media types
     * ({@code application/vnd.dcos.service.<action>-request+json;charset=utf-8;version=v1} and the matching response type),
     * the same token as the scheduler's API.
     */
    public Response cosmos(String action, JsonNode body) {
        URI dcos = target.cosmosUrl().orElseThrow(() -> new IllegalStateException("no package manager configured"));
        String path = "/cosmos/service/" + action;
        return send(
                "POST",
                URI.create(dcos + path),
                path,
                body,
                "application/vnd.dcos.service." + action + "-request+json;charset=utf-8;version=v1",
                "application/vnd.dcos.service." + action + "-response+json;charset=utf-8;version=v1");
    }

    private Response send(
            String method,
            URI uri,
            String path,
            JsonNode body,
            String contentType,
            String accept,
            Integer... alsoAccepted) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", accept);
        target.token().ifPresent(token -> request.header("Authorization", "token=" + token));
        if (body != null) {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable(uri, "connection refused");
        } catch (javax.net.ssl.SSLException e) {
            throw unreachable(
                    uri,
                    "TLS: " + e.getMessage()
                            + "; set core.ssl_verify to the cluster's CA certificate (dcos cluster setup --ca-certs) or DCOS_TLS_CA_PATH"
                            + " (with --url: --ca-cert or CASSANDRA_MESOS_CA_CERT)");
        } catch (HttpTimeoutException e) {
            throw unreachable(uri, "timed out");
        } catch (IOException e) {
            throw unreachable(uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(uri, "interrupted");
        }
        Response result = new Response(response.statusCode(), response.body());
        if (result.status() / 100 == 2 || Set.of(alsoAccepted).contains(result.status())) {
            return result;
        }
        throw failure(method, path, result);
    }

    private CliFailure unreachable(URI uri, String why) {
        String where = uri.toString().startsWith(target.baseUrl().toString())
                ? "the scheduler at " + target.baseUrl()
                : "DC/OS at " + uri;
        return new CliFailure(ExitCode.UNREACHABLE, "cannot reach " + where + " (" + why + ")");
    }

    static CliFailure failure(String method, String path, Response response) {
        String message = message(response);
        ExitCode code = ExitCode.forStatus(response.status());
        String line = switch (code) {
            case UNAUTHORIZED ->
                "not authorized (" + response.status() + "): the scheduler rejected the token; "
                        + "run `dcos auth login`, or pass --token / set CASSANDRA_MESOS_TOKEN with --url";
            case NOT_FOUND -> "not found (404): " + (message.isEmpty() ? method + " " + path : message);
            case CONFLICT -> "conflict (409): " + message;
            default ->
                "the scheduler answered " + response.status() + " to " + method + " " + path
                        + (message.isEmpty() ? "" : ": " + message);
        };
        return new CliFailure(code, line);
    }

    /** The {"message": …} of an error body, else the body's first line. */
    private static String message(Response response) {
        JsonNode json = response.json();
        if (json.hasNonNull("message")) {
            return json.get("message").asText();
        }
        String body = response.body().strip();
        int newline = body.indexOf('\n');
        String first = newline < 0 ? body : body.substring(0, newline);
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}

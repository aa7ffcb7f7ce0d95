package org.cassandramesos.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Follows the deploy plan through the scheduler's own API, printing each step as its status
 * changes and a progress bar, until the plan is COMPLETE.
 */
public final class PlanWatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI api;
    private final String token;
    private final PrintStream out;
    private final Map<String, String> lastStatus = new LinkedHashMap<>();

    public PlanWatcher(URI api, String token, PrintStream out) {
        this(api, token, out, Optional.empty());
    }

    /** @param tls for an https API: trusts its CA */
    public PlanWatcher(URI api, String token, PrintStream out, Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
        this.api = api;
        this.token = token;
        this.out = out;
    }

    /** One look at the plan: prints what changed; true once it is COMPLETE. */
    public boolean poll() throws InterruptedException {
        JsonNode plan;
        try {
            plan = get("/v1/plan");
        } catch (IOException notYet) {
            return false; // scheduler still starting
        }
        if (plan == null || !plan.has("phases")) {
            return false;
        }
        int total = 0;
        int complete = 0;
        StringBuilder changes = new StringBuilder();
        for (JsonNode phase : plan.get("phases")) {
            for (JsonNode step : phase.get("steps")) {
                total++;
                String name = step.path("name").asText();
                String status = step.path("status").asText();
                if ("COMPLETE".equals(status)) {
                    complete++;
                }
                String message = step.path("message").asText("");
                String line = status + (message.isEmpty() ? "" : " — " + message);
                if (!Objects.equals(lastStatus.put(name, line), line)) {
                    changes.append(String.format("  %-10s %s%n", name, line));
                }
            }
        }
        if (changes.length() > 0) {
            out.print(changes);
            out.println("  " + bar(complete, total));
        }
        return "COMPLETE".equals(plan.path("status").asText());
    }

    static String bar(int done, int total) {
        int width = 30;
        int filled = total == 0 ? 0 : done * width / total;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total + " steps complete";
    }

    /** The CQL contact points of the running nodes. */
    public JsonNode connection() throws IOException, InterruptedException {
        return get("/v1/connection");
    }

    /** Every node's info, as {@code GET /v1/nodes/info} answers (each node's {@code metrics_url} among it). */
    public JsonNode nodesInfo() throws IOException, InterruptedException {
        return get("/v1/nodes/info");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(api.resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "token=" + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 || response.statusCode() == 503) {
            return JSON.readTree(response.body());
        }
        throw new IOException(path + " answered HTTP " + response.statusCode());
    }
}

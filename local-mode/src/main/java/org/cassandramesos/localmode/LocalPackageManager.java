package org.cassandramesos.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.cassandramesos.universe.OptionsEnvironment;
import org.cassandramesos.universe.OptionsValidator;
import org.cassandramesos.universe.PackageOptions;
import org.cassandramesos.universe.UniversePackage;

/**
 * Local mode in the part of DC/OS's Cosmos and Marathon that {@code update start} needs: {@code POST
 * /cosmos/service/update} (Cosmos's media types and body, {@code {"appId": "/cassandra", "options": {...}}}) merges the
 * options over those in force, checks them against the package's config.json, asks the scheduler whether it accepts them
 * ({@code POST /v1/config/validate}: a refusal is answered 400 and nothing restarts), keeps them in the data directory,
 * and restarts the scheduler with the environment marathon.json.mustache maps them to, as Marathon restarts the app Cosmos
 * rendered. {@code POST /cosmos/service/describe} answers the options in force. On 127.0.0.1 only, with the API's token.
 */
final class LocalPackageManager implements AutoCloseable {
    /** A package-options request is a few hundred bytes; Cosmos's own bound is not documented. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UniversePackage PACKAGE = UniversePackage.bundled();
    private static final OptionsValidator SCHEMA = new OptionsValidator(PACKAGE.configSchema());

    /** What the manager acts on: the options file, the scheduler's environment, and the scheduler's restart. */
    interface Scheduler {
        void restart(String why) throws IOException;
    }

    private final HttpServer server;
    private final String token;
    private final URI api;
    private final HttpClient http;
    private final PackageOptionsFile optionsFile;
    private final UpdatableEnvironment environment;
    private final Scheduler scheduler;
    private final Consumer<String> events;

    private LocalPackageManager(
            HttpServer server,
            String token,
            URI api,
            Optional<SSLContext> apiTls,
            PackageOptionsFile optionsFile,
            UpdatableEnvironment environment,
            Scheduler scheduler,
            Consumer<String> events) {
        this.server = server;
        this.token = token;
        this.api = api;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        apiTls.ifPresent(client::sslContext);
        this.http = client.build();
        this.optionsFile = optionsFile;
        this.environment = environment;
        this.scheduler = scheduler;
        this.events = events;
    }

    /** Serves on 127.0.0.1:{@code port}; {@code api} is the scheduler's API, called with {@code token}. */
    static LocalPackageManager start(
            int port,
            String token,
            URI api,
            Optional<SSLContext> apiTls,
            PackageOptionsFile optionsFile,
            UpdatableEnvironment environment,
            Scheduler scheduler,
            Consumer<String> events)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        LocalPackageManager manager =
                new LocalPackageManager(server, token, api, apiTls, optionsFile, environment, scheduler, events);
        server.createContext("/cosmos/service/", manager::handle);
        // one request at a time: two updates never interleave their read-merge-store-restart
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "local-package-manager");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return manager;
    }

    /** What the CLI sets CASSANDRA_MESOS_COSMOS_URL to: {@code <this>/cosmos/service/update} is served. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The scheduler variables {@code options} (the options in force) set; empty when none. Options local mode cannot
     * apply (the scheduler app's own resources, secrets) are refused when given, so they are never stored.
     */
    static Map<String, String> variables(JsonNode options) {
        return PACKAGE.environment(options).variables();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException | IOException e) {
                events.accept("update: " + e.getMessage());
                answer = Answer.error(500, "local mode could not apply the update: " + e.getMessage());
            }
            byte[] body = answer.body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.error(401, "missing or invalid token: send the API token (Authorization: token=<token>)");
        }
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST")) {
            return Answer.error(405, "only POST is served here");
        }
        Optional<JsonNode> request = body(exchange.getRequestBody());
        if (request == null) {
            return Answer.error(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (request.isEmpty() || !request.get().isObject()) {
            return Answer.error(400, "the body must be a JSON object");
        }
        if (!request.get().path("appId").asText().equals("/" + LocalModeSettings.SERVICE_NAME)) {
            return Answer.error(
                    404, "local mode runs one service, /" + LocalModeSettings.SERVICE_NAME + ": no other appId");
        }
        return switch (path) {
            case "/cosmos/service/update" -> update(request.get());
            case "/cosmos/service/describe" -> describe();
            default -> Answer.error(404, "local mode serves /cosmos/service/update and /cosmos/service/describe");
        };
    }

    private Answer describe() throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("package", packageInfo());
        answer.set("userProvidedOptions", optionsFile.load());
        answer.set("resolvedOptions", optionsFile.load());
        return Answer.ok("describe", answer);
    }

    private Answer update(JsonNode request) throws IOException {
        if (request.hasNonNull("packageVersion")) {
            return Answer.error(400, "local mode runs the build of this checkout: it has no other package version");
        }
        if (request.path("replace").asBoolean(false)) {
            return Answer.error(
                    400,
                    "replace is not supported here: the options given are laid over those in force, as without it");
        }
        JsonNode given = request.path("options");
        if (!given.isObject()) {
            return Answer.error(400, "options must be a JSON object of package options (config.json)");
        }
        List<String> schemaErrors = SCHEMA.schemaErrors(given);
        if (!schemaErrors.isEmpty()) {
            return Answer.error(400, "Options JSON failed validation: " + String.join("; ", schemaErrors));
        }
        OptionsEnvironment.Mapping mapping = PACKAGE.environment(given);
        if (!mapping.unmapped().isEmpty()) {
            return Answer.error(
                    400,
                    "local mode cannot apply " + String.join(", ", mapping.unmapped())
                            + ": they set none of the scheduler's settings (the scheduler app's own resources, secrets)");
        }
        HttpResponse<String> checked;
        try {
            checked = validate(given);
        } catch (IOException e) {
            return Answer.error(503, e.getMessage());
        }
        if (checked.statusCode() != 200) {
            // the scheduler's answer as it is (400 with every reason, 401, 409, 503): nothing was stored or restarted
            return new Answer(checked.statusCode(), "application/json", parse(checked.body()));
        }
        ObjectNode inForce = PackageOptions.merge(optionsFile.load(), given);
        optionsFile.store(inForce);
        environment.use(variables(inForce));
        String deployment = UUID.randomUUID().toString();
        scheduler.restart("update start: new package options (deployment " + deployment + ")");
        ObjectNode answer = JSON.createObjectNode();
        answer.put("marathonDeploymentId", deployment);
        answer.set("package", packageInfo());
        answer.set("resolvedOptions", inForce);
        return Answer.ok("update", answer);
    }

    private HttpResponse<String> validate(JsonNode options) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(api.resolve("/v1/config/validate"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "token=" + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(options.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the scheduler", e);
        } catch (IOException e) {
            throw new IOException("the scheduler could not be asked to check the options (" + e.getMessage()
                    + "); nothing was changed");
        }
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String presented = header.startsWith("token=")
                ? header.substring("token=".length())
                : header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : "";
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** The parsed body; empty when it is not JSON; null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static Optional<JsonNode> body(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            return null;
        }
        try {
            return Optional.ofNullable(JSON.readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }

    private static ObjectNode packageInfo() {
        return JSON.createObjectNode()
                .put("packageName", LocalModeSettings.SERVICE_NAME)
                .put("packageVersion", "local");
    }

    /** An answer: status, media type and body. */
    record Answer(int status, String contentType, JsonNode body) {
        static Answer ok(String action, JsonNode body) {
            return new Answer(
                    200, "application/vnd.dcos.service." + action + "-response+json;charset=utf-8;version=v1", body);
        }

        static Answer error(int status, String message) {
            return new Answer(
                    status,
                    "application/json",
                    JSON.createObjectNode().put("code", status).put("message", message));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

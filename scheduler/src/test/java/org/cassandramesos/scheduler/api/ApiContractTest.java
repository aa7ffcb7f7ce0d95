package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * api-spec/openapi.yaml (from the classpath, as packaged) against the running scheduler app, both ways:
 * every specified operation is served (routed: not 404/405, guarded as specified) and answers a
 * representative call only with codes the spec documents; and every route Jersey serves is specified.
 */
class ApiContractTest {
    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    static final JsonNode SPEC = OpenApiSpec.load();

    record Operation(String method, String path, JsonNode definition) {
        Set<String> documentedCodes() {
            Set<String> codes = new HashSet<>();
            definition.path("responses").fieldNames().forEachRemaining(codes::add);
            return codes;
        }

        /** Whether the spec says this code's body is an Error (a 503 plan answer is the plan itself). */
        boolean answersAnError(int status) {
            JsonNode response = resolve(definition.path("responses").path(String.valueOf(status)));
            return response.path("content").path("application/json").path("schema").path("$ref").asText()
                    .equals("#/components/schemas/Error");
        }

        boolean needsToken() {
            JsonNode security = definition.has("security") ? definition.get("security") : SPEC.path("security");
            return !security.isEmpty();
        }

        /** A concrete request: path parameters and required query parameters filled with representative values. */
        String example() {
            StringBuilder query = new StringBuilder();
            String concrete = path;
            for (JsonNode reference : definition.path("parameters")) {
                JsonNode parameter = resolve(reference);
                String name = parameter.path("name").asText();
                String value = exampleValue(parameter);
                if (parameter.path("in").asText().equals("path")) {
                    concrete = concrete.replace("{" + name + "}", value);
                } else if (parameter.path("required").asBoolean()) {
                    query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
            return concrete + query;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? SPEC.at(node.get("$ref").asText().substring(1)) : node;
    }

    static String exampleValue(JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        if (parameter.has("example")) {
            return parameter.get("example").asText();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        if ("uuid".equals(schema.path("format").asText())) {
            return "00000000-0000-4000-8000-000000000000";
        }
        return switch (parameter.path("name").asText()) {
            case "node" -> "node-0";
            case "phase" -> "seeds";
            case "step" -> "node-0";
            default -> "x";
        };
    }

    static List<Operation> specified() {
        List<Operation> operations = new ArrayList<>();
        SPEC.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()))));
        return operations;
    }

    /** {@code METHOD /path/{}}: parameter names and regexes do not matter for matching. */
    static String normalized(String method, String path) {
        String clean = ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]*}", "{}");
        return method + " " + (clean.length() > 1 && clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean);
    }

    @BeforeAll
    static void storeANodeWhoseExecutorIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TestNodes.launch(API.tasks(), "node-0", "127.0.0.1", 9042, closedPort, TaskState.TASK_RUNNING);
    }

    @Test
    void theSpecIsPackagedAndDescribesTheApi() {
        assertThat(specified()).hasSizeGreaterThan(20);
        assertThat(SPEC.path("openapi").asText()).startsWith("3.");
    }

    @TestFactory
    Stream<DynamicTest> everySpecifiedOperationIsRoutedAndGuardedAsSpecified() {
        return specified().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
            Response response = API.callWithoutToken(op.method(), op.example());
            if (op.needsToken()) {
                // the auth filter runs before routing (deny by default): the route is proven by the calls with a token
                assertThat(response.getStatus()).as("%s without a token", op).isEqualTo(401);
                assertThat(op.documentedCodes()).as("%s documents 401", op).contains("401");
            } else {
                assertThat(op.documentedCodes()).as("%s without a token", op)
                        .contains(String.valueOf(response.getStatus())).doesNotContain("401");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySpecifiedOperationAnswersOnlyDocumentedCodes() {
        return specified().stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
            Response response = API.call(op.method(), op.example());
            String body = response.readEntity(String.class);

            assertThat(op.documentedCodes()).as("%s answered %s: %s", op, response.getStatus(), body)
                    .contains(String.valueOf(response.getStatus()));
            if (op.answersAnError(response.getStatus())) {
                assertThat(new ObjectMapper().readTree(body).path("message").asText())
                        .as("%s error body", op).isNotEmpty();
            }
        }));
    }

    @Test
    void everyServedRouteIsSpecifiedAndEverySpecifiedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        var config = APP.getEnvironment().jersey().getResourceConfig();
        List<Class<?>> resourceClasses = new ArrayList<>(config.getClasses());
        config.getInstances().forEach(instance -> resourceClasses.add(instance.getClass()));
        for (Class<?> type : resourceClasses) {
            if (type.isAnnotationPresent(Path.class)) {
                collect(Resource.from(type), "", served);
            }
        }
        Set<String> specified = new TreeSet<>();
        specified().forEach(op -> specified.add(normalized(op.method(), op.path())));

        assertThat(served).as("routes the app serves").isNotEmpty();
        assertThat(difference(served, specified)).as("served but not in api-spec/openapi.yaml").isEmpty();
        assertThat(difference(specified, served)).as("in api-spec/openapi.yaml but not served").isEmpty();
    }

    private static void collect(Resource resource, String parent, Set<String> routes) {
        String path = parent + "/" + (resource.getPath() == null ? "" : resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(normalized(method.getHttpMethod(), path));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}

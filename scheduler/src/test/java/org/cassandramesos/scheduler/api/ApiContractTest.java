package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cassandramesos.apispec.testing.SpecOperations.difference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.apispec.testing.SpecOperations;
import org.cassandramesos.apispec.testing.SpecOperations.Operation;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
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

    static List<Operation> specified() {
        return SpecOperations.of(SPEC);
    }

    /** Whether the spec says this code's body is an Error (a 503 plan answer is the plan itself). */
    static boolean answersAnError(Operation op, int status) {
        return op.response(status)
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asText()
                .equals("#/components/schemas/Error");
    }

    /** A concrete request for {@code op}, its parameters filled with representative values. */
    static String example(Operation op) {
        return op.example(ApiContractTest::exampleValue);
    }

    /** Values for the parameters the spec gives no example or enum. */
    private static final Map<String, String> VALUES = Map.of("node", "node-0", "phase", "seeds", "step", "node-0");

    static String exampleValue(JsonNode parameter) {
        return SpecOperations.exampleValue(SPEC, parameter, VALUES);
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
        return specified().stream()
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    Response response = API.callWithoutToken(op.method(), example(op));
                    if (op.needsToken()) {
                        // the auth filter runs before routing (deny by default): the route is proven by the calls with
                        // a token
                        assertThat(response.getStatus())
                                .as("%s without a token", op)
                                .isEqualTo(401);
                        assertThat(op.documentedCodes())
                                .as("%s documents 401", op)
                                .contains("401");
                    } else {
                        assertThat(op.documentedCodes())
                                .as("%s without a token", op)
                                .contains(String.valueOf(response.getStatus()))
                                .doesNotContain("401");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everySpecifiedOperationAnswersOnlyDocumentedCodes() {
        return specified().stream()
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    Response response = API.call(op.method(), example(op));
                    String body = response.readEntity(String.class);

                    assertThat(op.documentedCodes())
                            .as("%s answered %s: %s", op, response.getStatus(), body)
                            .contains(String.valueOf(response.getStatus()));
                    if (answersAnError(op, response.getStatus())) {
                        assertThat(new ObjectMapper()
                                        .readTree(body)
                                        .path("message")
                                        .asText())
                                .as("%s error body", op)
                                .isNotEmpty();
                    }
                }));
    }

    @Test
    void everyServedRouteIsSpecifiedAndEverySpecifiedRouteIsServed() {
        Set<String> served =
                SpecOperations.servedRoutes(APP.getEnvironment().jersey().getResourceConfig());
        Set<String> specified = SpecOperations.specifiedRoutes(SPEC);

        assertThat(served).as("routes the app serves").isNotEmpty();
        assertThat(difference(served, specified))
                .as("served but not in api-spec/openapi.yaml")
                .isEmpty();
        assertThat(difference(specified, served))
                .as("in api-spec/openapi.yaml but not served")
                .isEmpty();
    }
}

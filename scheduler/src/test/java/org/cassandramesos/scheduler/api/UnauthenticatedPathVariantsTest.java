package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.cassandramesos.apispec.testing.PathVariants;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation of api-spec/openapi.yaml, in every spelling of its path that a router might still match
 * ({@link PathVariants}: {@code /v1;/plan}, {@code /v1/%70lan}, {@code //v1/plan}, {@code /V1/PLAN}, ...), sent over
 * real HTTP to the real app without a token, with a wrong one and with the node API token: each is refused
 * (401 from the auth filter, or 400 where Jetty refuses the URI itself) and no resource method runs. A route added
 * to the spec is covered without touching this test.
 */
class UnauthenticatedPathVariantsTest {
    private static final String NODE_TOKEN = "node-token-for-the-variants-test";

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK, ConfigOverride.config("node_api_token", NODE_TOKEN));

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> WRONG_CREDENTIALS = Map.of(
            "no token",
            "",
            "wrong token",
            "token=wrong-" + NODE_TOKEN,
            "wrong Bearer token",
            "Bearer wrong",
            "the node API token",
            "token=" + NODE_TOKEN);

    private static final AtomicLong CHECKED = new AtomicLong();
    private static final Map<Integer, AtomicLong> BY_STATUS = new TreeMap<>();

    private static HandlerCalls handlerCalls() {
        return APP.<ApiTestApplication>getApplication().handlerCalls();
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpRequest built = request.build();
        try {
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedBeforeAnswering) {
            // Jetty 12 closes the connection after refusing an ambiguous URI; the client may already have taken that
            // pooled connection for this request, which the server then never read: sent again on a fresh one
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        }
    }

    @TestFactory
    Stream<DynamicTest> noSpellingOfAnyRouteReachesAHandlerWithoutAValidToken() {
        return ApiContractTest.specified().stream()
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    String example = ApiContractTest.example(op);
                    int query = example.indexOf('?');
                    String path = query < 0 ? example : example.substring(0, query);
                    String queryString = query < 0 ? "" : example.substring(query);
                    List<String> failures = new ArrayList<>();
                    for (PathVariants.Variant variant : PathVariants.of(path)) {
                        for (Map.Entry<String, String> credentials : WRONG_CREDENTIALS.entrySet()) {
                            long handlersBefore = handlerCalls().count();
                            HttpResponse<String> response =
                                    send(op.method(), variant.path() + queryString, credentials.getValue());
                            long handlersRan = handlerCalls().count() - handlersBefore;
                            int status = response.statusCode();
                            CHECKED.incrementAndGet();
                            synchronized (BY_STATUS) {
                                BY_STATUS
                                        .computeIfAbsent(status, s -> new AtomicLong())
                                        .incrementAndGet();
                            }
                            boolean refused = status == 401
                                            && (op.method().equals("HEAD")
                                                    || response.body().contains("\"message\""))
                                            && response.headers()
                                                    .firstValue("WWW-Authenticate")
                                                    .isPresent()
                                    // Jetty's own refusal of an ambiguous URI, before any filter: JSON too
                                    || status == 400
                                            && (op.method().equals("HEAD")
                                                    || response.body().contains("\"message\""));
                            if (!refused || handlersRan != 0) {
                                failures.add(op.method() + " " + variant + " with " + credentials.getKey() + " -> "
                                        + status + (handlersRan != 0 ? " and a handler ran" : "") + ": "
                                        + response.body());
                            }
                        }
                    }
                    assertThat(failures)
                            .as("%s: variants not refused before any handler", op)
                            .isEmpty();
                }));
    }

    @Test
    void theHandlerCountSeesARequestThatIsLetIn() throws Exception {
        long before = handlerCalls().count();

        HttpResponse<String> response = send("GET", "/v1/plans", "token=" + API.token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handlerCalls().count()).isEqualTo(before + 1);
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "UnauthenticatedPathVariantsTest: %d requests checked (%d operations of openapi.yaml x path "
                        + "variants x %d wrong credentials), by status: %s%n",
                CHECKED.get(), ApiContractTest.specified().size(), WRONG_CREDENTIALS.size(), BY_STATUS);
    }
}

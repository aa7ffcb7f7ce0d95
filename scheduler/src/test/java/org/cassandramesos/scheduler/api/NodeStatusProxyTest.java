package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.auth.JSONUnauthorizedHandler;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskState;
import org.cassandramesos.scheduler.auth.StaticTokenAuthenticator;
import org.cassandramesos.scheduler.auth.TokenAuthFilter;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.TaskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/nodes/{node}/status} proxies to the node's executor: a real HTTP server stands in for the
 * executor's node API and records the Authorization header the scheduler sent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NodeStatusProxyTest {
    private static final String API_TOKEN = "api-token";
    private static final String NODE_TOKEN = "node-api-token";
    private static final String STATUS = "{\"mode\":\"NORMAL\",\"joined\":true,\"rack\":\"rack1\",\"token_count\":16}";

    private final TaskStore tasks = new TaskStore(new MemoryPersister());
    private final ConfigStore configs = new ConfigStore(new MemoryPersister());
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer executor;

    private final ResourceExtension resources = ResourceExtension.builder()
            .addResource(new NodesResource(
                    tasks,
                    configs,
                    new TestNodeOperations(tasks),
                    new NodeStatusProxy(NODE_TOKEN, Duration.ofSeconds(1)),
                    null, // status only: no node verbs
                    null, // nor node creation
                    ServiceConfig.defaults("svc")))
            .addProvider(new TokenAuthFilter.Builder()
                    .setAuthenticator(new StaticTokenAuthenticator(API_TOKEN))
                    .setUnauthorizedHandler(new JSONUnauthorizedHandler())
                    .setPrefix("Bearer")
                    .setRealm("cassandra")
                    .buildAuthFilter())
            .build();

    @BeforeEach
    void startExecutorNodeApi() throws IOException {
        configs.storeAsTarget(ServiceConfig.defaults("cassandra"));
        executor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor.createContext("/v1/cassandra/status", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = STATUS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        executor.start();
    }

    @AfterEach
    void stopExecutor() {
        release.countDown();
        executor.stop(0);
    }

    private Response status(String node, String authorization) {
        var request = resources.target("/v1/nodes/" + node + "/status").request();
        return authorization == null
                ? request.get()
                : request.header(HttpHeaders.AUTHORIZATION, authorization).get();
    }

    @Test
    void answersTheExecutorsStatusAndSendsTheNodeApiToken() {
        TestNodes.launch(
                tasks, "node-0", "127.0.0.1", 9042, executor.getAddress().getPort(), TaskState.TASK_RUNNING);

        Response response = status("node-0", "token=" + API_TOKEN);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(JsonNode.class).path("mode").asText()).isEqualTo("NORMAL");
        assertThat(authorizations).containsExactly("token=" + NODE_TOKEN);
    }

    @Test
    void anUnreachableExecutorIs502() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TestNodes.launch(tasks, "node-1", "127.0.0.1", 9042, closedPort, TaskState.TASK_RUNNING);

        Response response = status("node-1", "Bearer " + API_TOKEN);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.readEntity(JsonNode.class).path("message").asText())
                .startsWith("cannot reach the executor of node-1 at 127.0.0.1:" + closedPort);
    }

    @Test
    void anExecutorThatDoesNotAnswerInTimeIs502WithinTheTimeout() throws IOException {
        CountDownLatch executorAnswered = new CountDownLatch(1);
        executor.removeContext("/v1/cassandra/status");
        executor.createContext("/v1/cassandra/status", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            executorAnswered.countDown();
        });
        TestNodes.launch(
                tasks, "node-0", "127.0.0.1", 9042, executor.getAddress().getPort(), TaskState.TASK_RUNNING);

        Response response = status("node-0", "token=" + API_TOKEN);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.readEntity(JsonNode.class).path("message").asText()).contains("did not answer within 1s");
        assertThat(executorAnswered.getCount())
                .as("the scheduler answers on its own timeout while the executor still holds the request")
                .isEqualTo(1);
    }

    @Test
    void anExecutorRefusingTheTokenIs502() {
        executor.removeContext("/v1/cassandra/status");
        executor.createContext("/v1/cassandra/status", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        TestNodes.launch(
                tasks, "node-0", "127.0.0.1", 9042, executor.getAddress().getPort(), TaskState.TASK_RUNNING);

        Response response = status("node-0", "token=" + API_TOKEN);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.readEntity(JsonNode.class).path("message").asText())
                .isEqualTo("the executor of node-0 answered 401");
    }

    @Test
    void malformedUnknownAndUnauthorizedRequestsNeverReachTheExecutor() {
        TestNodes.launch(
                tasks, "node-0", "127.0.0.1", 9042, executor.getAddress().getPort(), TaskState.TASK_RUNNING);

        assertThat(status("node_0", "token=" + API_TOKEN).getStatus()).isEqualTo(400);
        assertThat(status("node-5", "token=" + API_TOKEN).getStatus()).isEqualTo(404);
        assertThat(status("node-0", null).getStatus()).isEqualTo(401);
        assertThat(status("node-0", "token=wrong").getStatus()).isEqualTo(401);
        assertThat(authorizations).isEmpty();
    }
}

package org.cassandramesos.scheduler.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole app from the bundled scheduler.yml with LOG_FORMAT=json: what reaches stdout, line by line. */
class JsonLogsApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "api-token-" + UUID.randomUUID();
    private static final String NODE_API_TOKEN = "node-api-token-" + UUID.randomUUID();
    private static final String SERVICE = "json-logs-" + UUID.randomUUID();

    /** Everything the app writes to stdout from its start on (the console appenders write to System.out). */
    private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();

    private static final PrintStream ORIGINAL_STDOUT = System.out;

    static {
        System.setOut(new PrintStream(new Tee(ORIGINAL_STDOUT, STDOUT), true, StandardCharsets.UTF_8));
    }

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = new DropwizardAppExtension<>(
            SchedulerApplication.class,
            ResourceHelpers.resourceFilePath("scheduler.yml"),
            ConfigOverride.config("log_format", "json"),
            ConfigOverride.config("service.zookeeper_connect", () -> ZK.server().getConnectString()),
            ConfigOverride.config("zookeeper_digest", ZooKeeperFixture.DIGEST),
            ConfigOverride.config("service.service_name", SERVICE),
            ConfigOverride.config("auth_token", TOKEN),
            ConfigOverride.config("node_api_token", NODE_API_TOKEN),
            ConfigOverride.config("service.executor.executor_uri", "http://repo.test/executor.tar.gz"),
            ConfigOverride.config("service.executor.cassandra_uri", "http://repo.test/cassandra.tar.gz"),
            ConfigOverride.config("service.executor.java_runtime_uri", "http://repo.test/java-runtime.tar.gz"),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"));

    @AfterAll
    static void restoreStdout() {
        System.setOut(ORIGINAL_STDOUT);
    }

    @Test
    void everyLineIsAJsonEventAndApiRequestLinesCarryTheRequestIdButNoSecret() {
        String callerId = UUID.randomUUID().toString();
        Response answer = APP.client()
                .target("http://localhost:" + APP.getLocalPort() + "/v1/config/target")
                .queryParam("probe", callerId)
                .request()
                .header(HttpHeaders.AUTHORIZATION, "token=" + TOKEN)
                .header(JsonLogs.REQUEST_ID_HEADER, callerId)
                .get();
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeaderString(JsonLogs.REQUEST_ID_HEADER)).isEqualTo(callerId);
        Response refused = APP.client()
                .target("http://localhost:" + APP.getLocalPort() + "/v1/config/target")
                .request()
                .get();
        assertThat(refused.getStatus()).isEqualTo(401);
        String refusedId = refused.getHeaderString(JsonLogs.REQUEST_ID_HEADER);
        assertThat(refusedId).isNotBlank();

        // the request log is written asynchronously, after the response
        List<JsonNode> events = await().atMost(Duration.ofSeconds(30))
                .until(
                        JsonLogsApplicationTest::events,
                        lines -> requestLine(lines, refusedId).isPresent()
                                && requestLine(lines, callerId).isPresent());

        JsonNode served = requestLine(events, callerId).orElseThrow();
        assertThat(served.path("method").asText()).isEqualTo("GET");
        assertThat(served.path("uri").asText()).isEqualTo("/v1/config/target");
        assertThat(served.path("status").asInt()).isEqualTo(200);
        assertThat(requestLine(events, refusedId).orElseThrow().path("status").asInt())
                .isEqualTo(401);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("level").asText()).isEqualTo("INFO");
            assertThat(event.path("logger").asText()).startsWith("org.cassandramesos.scheduler");
            assertThat(event.path("message").asText()).isNotBlank();
        });
        String log = STDOUT.toString(StandardCharsets.UTF_8);
        assertThat(log)
                .doesNotContain(
                        TOKEN,
                        NODE_API_TOKEN,
                        ZooKeeperFixture.DIGEST.substring(ZooKeeperFixture.DIGEST.indexOf(':') + 1),
                        "probe=");
    }

    /**
     * Every line written since the app configured its logging (the first JSON line; ZooKeeper's test server logs
     * before that through logback-test.xml); fails the poll if a later line is not a JSON object.
     */
    private static List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        boolean configured = false;
        for (String line : STDOUT.toString(StandardCharsets.UTF_8).split("\n")) {
            configured |= line.startsWith("{");
            if (!configured || line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            events.add(event);
        }
        return events;
    }

    private static Optional<JsonNode> requestLine(List<JsonNode> events, String requestId) {
        return events.stream()
                .filter(event -> requestId.equals(event.path("responseHeaders")
                        .path(JsonLogs.REQUEST_ID_HEADER)
                        .asText()))
                .findFirst();
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}

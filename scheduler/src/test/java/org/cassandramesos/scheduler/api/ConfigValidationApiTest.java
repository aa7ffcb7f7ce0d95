package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/config/validate} on the real scheduler app (real ZooKeeper, real HTTP): package options are read into
 * the configuration a restart with them would bring and checked against the one in force; nothing changes either way.
 */
class ConfigValidationApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    static final ApiApp API = new ApiApp(ZK);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<SchedulerConfiguration> APP = API.extension;

    private static JsonNode target() throws Exception {
        return JSON.readTree(API.authorized("/v1/config/target").get(String.class));
    }

    private static Response validate(String options) {
        return API.authorized("/v1/config/validate").post(Entity.entity(options, MediaType.APPLICATION_JSON_TYPE));
    }

    private static JsonNode body(Response response) throws Exception {
        return JSON.readTree(response.readEntity(String.class));
    }

    @Test
    void aHeapChangeIsAcceptedWithWhatItChangesAndNothingIsStored() throws Exception {
        JsonNode before = target();
        int heap = before.path("nodes").path("heap_mb").asInt() + 64;

        Response response = validate("{\"nodes\": {\"heap\": " + heap + "}}");
        JsonNode answer = body(response);

        assertThat(response.getStatus()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.path("changes")).hasSize(1);
        assertThat(answer.path("changes").get(0).path("setting").asText()).isEqualTo("nodes.heap_mb");
        assertThat(answer.path("changes").get(0).path("from").asInt())
                .isEqualTo(before.path("nodes").path("heap_mb").asInt());
        assertThat(answer.path("changes").get(0).path("to").asInt()).isEqualTo(heap);
        assertThat(answer.path("variables").path("NODE_HEAP_MB").asText()).isEqualTo(Integer.toString(heap));
        assertThat(target()).isEqualTo(before);
    }

    @Test
    void optionsEqualToTheConfigInForceChangeNothing() throws Exception {
        int heap = target().path("nodes").path("heap_mb").asInt();

        Response response = validate("{\"nodes\": {\"heap\": " + heap + "}}");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(body(response).path("changes")).isEmpty();
    }

    @Test
    void aClusterNameChangeIsRefusedWith400AndNothingIsStored() throws Exception {
        JsonNode before = target();

        Response response = validate("{\"cassandra\": {\"cluster_name\": \"another-cluster\"}}");
        JsonNode answer = body(response);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(answer.path("message").asText()).contains("cluster name cannot change");
        assertThat(target()).isEqualTo(before);
    }

    @Test
    void everyReasonIsGivenAtOnce() throws Exception {
        Response response = validate("{\"cassandra\": {\"cluster_name\": \"another-cluster\", \"num_tokens\": 7},"
                + " \"nodes\": {\"cpus\": 3.5, \"disk\": 12345, \"datacenter\": \"dc9\"}}");
        JsonNode answer = body(response);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(answer.path("errors").toString())
                .contains("cluster name cannot change")
                .contains("num_tokens cannot change")
                .contains("node cpus cannot change")
                .contains("disk size cannot change")
                .contains("datacenter cannot change");
    }

    @Test
    void optionsOutsideConfigJsonAreRefusedBeforeAnythingIsRead() throws Exception {
        Response unknown = validate("{\"nodes\": {\"heap_size\": 320}}");
        Response wrongType = validate("{\"nodes\": {\"heap\": \"large\"}}");
        Response notAnObject = validate("[1, 2]");

        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(body(unknown).path("message").asText()).contains("heap_size");
        assertThat(wrongType.getStatus()).isEqualTo(400);
        assertThat(body(wrongType).path("message").asText()).contains("heap");
        assertThat(notAnObject.getStatus()).isEqualTo(400);
    }

    @Test
    void aCallerWithoutTheTokenIsRefused() {
        Response response = API.anonymous("/v1/config/validate")
                .post(Entity.entity("{\"nodes\": {\"heap\": 320}}", MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.getStatus()).isEqualTo(401);
    }
}

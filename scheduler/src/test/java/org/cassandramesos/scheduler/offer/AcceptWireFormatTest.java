package org.cassandramesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

/**
 * The ACCEPT for a first launch, as JSON on the wire, has the shape of the reference example: every
 * resource with {@code allocation_info} and a {@code reservations} stack, never the deprecated
 * {@code role}; the volume with persistence and a relative container path.
 */
class AcceptWireFormatTest {

    @Test
    void firstLaunchAcceptMatchesTheV1ApiShape() throws Exception {
        ServiceConfig config =
                ServiceConfig.defaults("cassandra").withIdentity("cassandra", TestOffers.ROLE, TestOffers.PRINCIPAL);
        Offer offer = ProtoJson.parse(
                ProtoJson.print(TestOffers.roomy("AG1", "10.0.0.1").build()), Offer.newBuilder());
        PendingNode node = new PendingNode(
                NodeRequirement.of("node-0", config),
                Optional.empty(),
                List.of(),
                new LaunchContext(
                        FrameworkID.newBuilder().setValue("FW").build(),
                        UUID.randomUUID(),
                        List.of(),
                        true,
                        Optional.empty()));
        var recommendation = (Evaluation.Recommendation) new OfferEvaluator(config).evaluate(node, offer);

        Call accept =
                Calls.accept(List.of(recommendation.offerId()), recommendation.operations(), Duration.ofSeconds(5));
        JsonNode json = new ObjectMapper().readTree(ProtoJson.print(accept));

        JsonNode operations = json.at("/accept/operations");
        assertThat(operations).extracting(op -> op.get("type").asText()).containsExactly("RESERVE", "CREATE", "LAUNCH");
        assertThat(json.at("/accept/offer_ids/0/value").asText())
                .isEqualTo(offer.getId().getValue());
        List<JsonNode> resources = new java.util.ArrayList<>();
        operations.get(0).at("/reserve/resources").forEach(resources::add);
        operations.get(1).at("/create/volumes").forEach(resources::add);
        JsonNode task = operations.get(2).at("/launch/task_infos/0");
        task.get("resources").forEach(resources::add);
        task.at("/executor/resources").forEach(resources::add);
        assertThat(resources).hasSize(4 + 1 + 4 + 2).allSatisfy(resource -> {
            assertThat(resource.has("role")).isFalse();
            assertThat(resource.at("/allocation_info/role").asText()).isEqualTo(TestOffers.ROLE);
            assertThat(resource.at("/reservations/0/type").asText()).isEqualTo("DYNAMIC");
            assertThat(resource.at("/reservations/0/principal").asText()).isEqualTo(TestOffers.PRINCIPAL);
            assertThat(resource.at("/reservations/0/labels/labels/0/key").asText())
                    .isEqualTo("resource_id");
        });
        JsonNode volume = operations.get(1).at("/create/volumes/0/disk");
        assertThat(volume.at("/persistence/principal").asText()).isEqualTo(TestOffers.PRINCIPAL);
        assertThat(volume.at("/volume/container_path").asText()).isEqualTo("volume");
        assertThat(volume.at("/volume/mode").asText()).isEqualTo("RW");
        assertThat(task.at("/executor/type").asText()).isEqualTo("CUSTOM");
        assertThat(task.at("/executor/command/uris/0/extract").asBoolean()).isTrue();
        assertThat(task.get("data").asText()).isNotBlank();
    }
}

package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.TaskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** While ZooKeeper is not connected the state routes answer 503 JSON at once; the rest is served as ever. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ZooKeeperGateTest {
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final MemoryPersister persister = new MemoryPersister();
    private final ResourceExtension resources = ResourceExtension.builder()
            .addResource(new SeedsResource(new TaskStore(persister), new ConfigStore(persister)))
            .addResource(new ReadinessResource(() -> true))
            .addProvider(new ZooKeeperGate(connected::get))
            .build();

    @Test
    void answersEveryStateRoute503WithAMessageWhileZooKeeperIsAway() {
        assertThat(resources.target("/v1/seeds").request().get().getStatus()).isEqualTo(200);

        connected.set(false);
        Response read = resources.target("/v1/seeds").request().get();
        Response write =
                resources.target("/v1/plans/deploy/interrupt").request().post(Entity.json("{}"));

        for (Response response : new Response[] {read, write}) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.path("code").asInt()).isEqualTo(503);
            assertThat(body.path("message").asText())
                    .isEqualTo(ZooKeeperGate.MESSAGE)
                    .startsWith("ZooKeeper is not connected");
        }
        assertThat(resources.target("/ready").request().get().getStatus())
                .as("readiness comes from memory")
                .isEqualTo(200);

        connected.set(true);
        assertThat(resources.target("/v1/seeds").request().get().getStatus()).isEqualTo(200);
    }

    @Test
    void onlyTheDocsReadinessAndTheBackupFileStoreNeedNoState() {
        assertThat(ZooKeeperGate.needsNoState("docs")).isTrue();
        assertThat(ZooKeeperGate.needsNoState("ready")).isTrue();
        assertThat(ZooKeeperGate.needsNoState("v1/backups")).isTrue();
        assertThat(ZooKeeperGate.needsNoState("v1/backups/first/manifest.json")).isTrue();
        assertThat(ZooKeeperGate.needsNoState("v1/backups/_status"))
                .as("reads the nodes")
                .isFalse();
        assertThat(ZooKeeperGate.needsNoState("v1/backupsx")).isFalse();
        assertThat(ZooKeeperGate.needsNoState("v1/plan")).isFalse();
        assertThat(ZooKeeperGate.needsNoState("v1/nodes/node-0/restart")).isFalse();
        assertThat(ZooKeeperGate.needsNoState("")).isFalse();
    }
}

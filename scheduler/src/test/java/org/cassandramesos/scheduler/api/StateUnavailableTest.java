package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.Persister;
import org.cassandramesos.scheduler.state.PersisterException;
import org.cassandramesos.scheduler.state.TaskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A state store that cannot be read (ZooKeeper down) is a 503 JSON answer, not a 500. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StateUnavailableTest {
    /** What CuratorPersister does while ZooKeeper is unreachable. */
    static final class UnreachablePersister implements Persister {
        private static PersisterException down() {
            return new PersisterException("ZooKeeper is not connected");
        }

        @Override
        public Optional<byte[]> get(String path) {
            throw down();
        }

        @Override
        public void set(String path, byte[] value) {
            throw down();
        }

        @Override
        public void commit(Map<String, byte[]> sets, Collection<String> deletes) {
            throw down();
        }

        @Override
        public void delete(String path) {
            throw down();
        }

        @Override
        public List<String> children(String path) {
            throw down();
        }
    }

    private final Persister unreachable = new UnreachablePersister();
    private final ResourceExtension resources = ResourceExtension.builder()
            .addResource(new SeedsResource(new TaskStore(unreachable), new ConfigStore(unreachable)))
            .addProvider(new StateUnavailableMapper())
            .build();

    @Test
    void answers503WithAMessage() {
        Response response = resources.target("/v1/seeds").request().get();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.readEntity(JsonNode.class).path("message").asText())
                .isEqualTo("state store unavailable: ZooKeeper is not connected");
    }
}

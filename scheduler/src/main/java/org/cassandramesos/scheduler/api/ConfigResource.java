package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.cassandramesos.protocol.Secrets;
import org.cassandramesos.scheduler.config.CassandraConfig;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.state.ConfigStore;

/**
 * {@code GET /v1/config/target} and {@code GET /v1/config/{id}}: stored configs, with secret-looking
 * {@code cassandra.yaml} overrides (keystore passwords, ...) redacted by the node API's rule ({@link Secrets}).
 */
@Path("/v1/config")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigResource {
    private final ConfigStore configs;

    @Inject
    public ConfigResource(ConfigStore configs) {
        this.configs = configs;
    }

    @GET
    @Path("target")
    public ServiceConfig target() {
        return configs.target()
                .map(ConfigVersion::config)
                .map(ConfigResource::redacted)
                .orElseThrow(() -> new NotFoundException("no target config yet"));
    }

    @GET
    @Path("{id}")
    public ServiceConfig byId(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no config " + id);
        }
        return configs.get(uuid)
                .map(ConfigVersion::config)
                .map(ConfigResource::redacted)
                .orElseThrow(() -> new NotFoundException("no config " + id));
    }

    static ServiceConfig redacted(ServiceConfig config) {
        CassandraConfig cassandra = config.cassandra();
        return config.withCassandra(
                new CassandraConfig(cassandra.clusterName(), cassandra.numTokens(), Secrets.redact(cassandra.yaml())));
    }
}

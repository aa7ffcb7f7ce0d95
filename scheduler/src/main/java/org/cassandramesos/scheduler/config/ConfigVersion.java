package org.cassandramesos.scheduler.config;

import java.util.Objects;
import java.util.UUID;

/** One stored version of the service config; tasks carry the id they were built from. */
public record ConfigVersion(UUID id, ServiceConfig config) {
    public ConfigVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
    }

    public static ConfigVersion fresh(ServiceConfig config) {
        return new ConfigVersion(UUID.randomUUID(), config);
    }
}

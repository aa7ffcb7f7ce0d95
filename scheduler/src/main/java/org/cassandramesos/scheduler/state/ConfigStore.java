package org.cassandramesos.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cassandramesos.scheduler.config.ConfigJson;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;

/**
 * Config versions by id ({@code /configs/<uuid>}) and which one is the target ({@code /config-target}).
 * Tasks carry the id of the config they were built from; a task whose id is not the target's is stale.
 */
public final class ConfigStore {
    static final String CONFIGS = "/configs";
    static final String TARGET = "/config-target";
    /** The node count {@code POST /v1/nodes/create} set, and the deployed count it was set over. */
    static final String ADDED_COUNT = "/config-added-count";

    /**
     * A node count set through the API over a deployed one: a scheduler started again with {@code deployed} keeps
     * {@code count}; started with another count, the operator chose anew and that count holds.
     */
    public record AddedCount(
            @com.fasterxml.jackson.annotation.JsonProperty("deployed")
            int deployed,

            @com.fasterxml.jackson.annotation.JsonProperty("count")
            int count) {}

    private final Persister persister;

    public ConfigStore(Persister persister) {
        this.persister = persister;
    }

    /** Stores {@code config} under a fresh id and makes it the target, in one atomic write. */
    public ConfigVersion storeAsTarget(ServiceConfig config) {
        ConfigVersion version = ConfigVersion.fresh(config);
        persister.setAll(Map.of(
                path(version.id()),
                ConfigJson.write(config),
                TARGET,
                version.id().toString().getBytes(StandardCharsets.UTF_8)));
        return version;
    }

    /**
     * Rewrites the stored version {@code id} with {@code config} (a change of the node count alone: no task is built
     * from the count, so the tasks carrying {@code id} still run the target and none is relaunched).
     */
    public void replace(UUID id, ServiceConfig config) {
        if (get(id).isEmpty()) {
            throw new IllegalArgumentException("no stored config " + id);
        }
        persister.set(path(id), ConfigJson.write(config));
    }

    public Optional<AddedCount> addedCount() {
        return persister.get(ADDED_COUNT).map(bytes -> StateJson.read(bytes, AddedCount.class, ADDED_COUNT));
    }

    /** Stores the target {@code config} under its id with the count the API set, and that count, in one write. */
    public void storeAddedCount(UUID id, ServiceConfig config, AddedCount added) {
        if (get(id).isEmpty()) {
            throw new IllegalArgumentException("no stored config " + id);
        }
        persister.setAll(Map.of(path(id), ConfigJson.write(config), ADDED_COUNT, StateJson.write(added)));
    }

    public void forgetAddedCount() {
        persister.delete(ADDED_COUNT);
    }

    /** Makes the stored version {@code id} the target again. */
    public void retarget(UUID id) {
        if (get(id).isEmpty()) {
            throw new IllegalArgumentException("no stored config " + id);
        }
        persister.set(TARGET, id.toString().getBytes(StandardCharsets.UTF_8));
    }

    public Optional<ConfigVersion> target() {
        return targetId().flatMap(this::get);
    }

    public Optional<UUID> targetId() {
        return persister.get(TARGET).map(bytes -> UUID.fromString(new String(bytes, StandardCharsets.UTF_8)));
    }

    public Optional<ConfigVersion> get(UUID id) {
        return persister.get(path(id)).map(bytes -> new ConfigVersion(id, ConfigJson.read(bytes)));
    }

    /** Every stored version's id. */
    public List<UUID> ids() {
        List<UUID> ids = new ArrayList<>();
        for (String name : persister.children(CONFIGS)) {
            ids.add(UUID.fromString(name));
        }
        return ids;
    }

    /** Removes versions neither targeted nor in {@code inUse} (ids still on running tasks). */
    public void retainOnly(Set<UUID> inUse) {
        Optional<UUID> target = targetId();
        for (UUID id : ids()) {
            if (!inUse.contains(id) && !target.map(id::equals).orElse(false)) {
                persister.delete(path(id));
            }
        }
    }

    private static String path(UUID id) {
        return CONFIGS + "/" + id;
    }
}

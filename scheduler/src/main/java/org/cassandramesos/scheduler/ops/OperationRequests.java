package org.cassandramesos.scheduler.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.apibounds.JsonInput;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.backup.BackupDefaults;

/**
 * Reads and validates the body of {@code PUT /v1/<op>/start} (seed 002 forms). Pure: every problem is an
 * {@link IllegalArgumentException} whose message an operator can act on.
 */
public final class OperationRequests {
    private static final ObjectMapper JSON = JsonInput.strictMapper();

    private OperationRequests() {}

    record NodeJobBody(
            @JsonProperty("nodes") List<String> nodes,
            @JsonProperty("key_spaces") List<String> keyspaces,
            @JsonProperty("column_families") List<String> tables) {}

    record BackupBody(
            @JsonProperty("backup_name") String name,
            @JsonProperty("external_location") String location,
            @JsonProperty("s3_access_key") String accessKey,
            @JsonProperty("s3_secret_key") String secretKey) {}

    /** @throws IllegalArgumentException for an unknown operation name */
    public static JobKind kind(String name) {
        try {
            return JobKind.fromWire(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown operation '" + name + "' (repair, cleanup, upgradesstables, backup, restore)");
        }
    }

    /**
     * @param available the nodes an operation may run on, in order ({@code *} means all of them)
     * @throws IllegalArgumentException naming what is wrong
     */
    public static OperationRequest parse(JobKind kind, String body, List<String> available, BackupDefaults defaults) {
        if (available.isEmpty()) {
            throw new IllegalArgumentException("the cluster has no node to run " + kind.wireName() + " on");
        }
        if (kind.needsBackupTarget()) {
            BackupBody backup = read(body, BackupBody.class);
            return new OperationRequest(kind, available, List.of(), List.of(), Optional.of(target(backup, defaults)));
        }
        NodeJobBody job = read(body, NodeJobBody.class);
        return new OperationRequest(
                kind,
                nodes(job.nodes(), available),
                names("key_spaces", job.keyspaces()),
                names("column_families", job.tables()),
                Optional.empty());
    }

    private static BackupTarget target(BackupBody body, BackupDefaults defaults) {
        // the executors' rule: a name starting with _ would collide with _status, _blobs and _deleted.json
        BackupLayout.requireBackupName("backup_name", body.name());
        String location = Optional.ofNullable(body.location())
                .filter(s -> !s.isBlank())
                .or(defaults::location)
                .orElseThrow(() -> new IllegalArgumentException(
                        "external_location is required (no default BACKUP_LOCATION is configured)"));
        defaults.requireAllowed(location);
        boolean access = body.accessKey() != null && !body.accessKey().isBlank();
        boolean secret = body.secretKey() != null && !body.secretKey().isBlank();
        if (access != secret) {
            throw new IllegalArgumentException("give both s3_access_key and s3_secret_key, or neither");
        }
        Optional<StaticKeys> keys =
                access ? Optional.of(new StaticKeys(body.accessKey(), body.secretKey())) : Optional.empty();
        return defaults.target(body.name(), location, keys)
                .orElseThrow(
                        () -> new IllegalArgumentException(
                                "s3_access_key and s3_secret_key are required for a location other than the configured BACKUP_LOCATION"));
    }

    private static List<String> nodes(List<String> asked, List<String> available) {
        if (asked == null || asked.isEmpty()) {
            throw new IllegalArgumentException("nodes is required: [\"*\"] for every node, or names like [\"node-0\"]");
        }
        if (asked.contains("*")) {
            if (asked.size() > 1) {
                throw new IllegalArgumentException("nodes: \"*\" stands alone");
            }
            return available;
        }
        List<String> unknown = new ArrayList<>();
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String node : asked) {
            if (available.contains(node)) {
                chosen.add(node);
            } else {
                unknown.add(node);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown node(s) " + unknown + "; the nodes are " + available);
        }
        // in cluster order, so serial operations go node-0, node-1, … whatever order they were named in
        return available.stream().filter(chosen::contains).toList();
    }

    private static List<String> names(String field, List<String> names) {
        if (names == null) {
            return List.of();
        }
        for (String name : names) {
            if (name == null || !name.matches("[A-Za-z0-9_]{1,48}")) {
                throw new IllegalArgumentException(field + ": '" + name + "' is not a Cassandra name");
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new IllegalArgumentException("a JSON object is required");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(JsonInput.describe(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("the body cannot be read");
        }
    }
}

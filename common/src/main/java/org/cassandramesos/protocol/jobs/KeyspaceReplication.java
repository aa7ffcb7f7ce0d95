package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * One keyspace's replication as a node reads it from {@code system_schema.keyspaces} (node API {@code GET
 * /v1/cassandra/keyspaces}): the strategy class and its options, e.g. {@code {"class":
 * "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "3"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyspaceReplication(
        @JsonProperty("name") String name,
        @JsonProperty("replication") Map<String, String> replication) {

    public KeyspaceReplication {
        replication =
                replication == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(replication));
    }
}

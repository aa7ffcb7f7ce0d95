package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Cassandra settings shared by every node.
 *
 * @param clusterName {@code cluster_name}; cannot change once deployed
 * @param numTokens   vnodes per node
 * @param yaml        further cassandra.yaml keys, rendered over the executor's defaults
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CassandraConfig(
        @JsonProperty("cluster_name") String clusterName,
        @JsonProperty("num_tokens") int numTokens,
        @JsonProperty("yaml") Map<String, Object> yaml) {

    public CassandraConfig {
        yaml = yaml == null ? Map.of() : Map.copyOf(yaml);
    }

    public static CassandraConfig defaults(String serviceName) {
        return new CassandraConfig(serviceName, 16, Map.of());
    }
}

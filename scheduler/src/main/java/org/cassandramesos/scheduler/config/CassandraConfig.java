package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * Cassandra settings shared by every node.
 *
 * @param clusterName {@code cluster_name}; cannot change once deployed
 * @param numTokens   vnodes per node
 * @param yaml        further cassandra.yaml keys, rendered over the executor's defaults
 * @param cqlAuthentication CQL logins required (default on; absent means on)
 * @param cqlSuperuser      the superuser the executors create and use; its password is a secret
 *                          ({@code <service>/cql-password}), never here
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CassandraConfig(
        @JsonProperty("cluster_name") String clusterName,
        @JsonProperty("num_tokens") int numTokens,
        @JsonProperty("yaml") Map<String, Object> yaml,
        @JsonProperty("cql_authentication") Boolean cqlAuthentication,
        @JsonProperty("cql_superuser") String cqlSuperuser) {

    public CassandraConfig {
        yaml = yaml == null ? Map.of() : Map.copyOf(yaml);
        cqlAuthentication = cqlAuthentication == null || cqlAuthentication;
        cqlSuperuser =
                cqlSuperuser == null || cqlSuperuser.isBlank() ? CassandraNodeSpec.DEFAULT_CQL_SUPERUSER : cqlSuperuser;
    }

    /** With CQL logins on, as the default superuser. */
    public CassandraConfig(String clusterName, int numTokens, Map<String, Object> yaml) {
        this(clusterName, numTokens, yaml, true, null);
    }

    public static CassandraConfig defaults(String serviceName) {
        return new CassandraConfig(serviceName, 16, Map.of());
    }
}

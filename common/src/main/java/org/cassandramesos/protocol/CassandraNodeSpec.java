package org.cassandramesos.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduler tells an executor about the Cassandra node it must run; travels as JSON in
 * {@code TaskInfo.data}. Never holds secrets: Mesos master state is readable by many.
 *
 * @param nodeName           e.g. {@code node-0}
 * @param clusterName        Cassandra {@code cluster_name}
 * @param configId           the scheduler's target config id this task was built from
 * @param seeds              seed IPs
 * @param datacenter         GossipingPropertyFileSnitch dc
 * @param rack               GossipingPropertyFileSnitch rack
 * @param ports              the ports this node listens on (on the agent's IP)
 * @param heapMb             JVM heap (-Xms = -Xmx)
 * @param numTokens          vnodes
 * @param replaceAddress     old IP when this node replaces a dead one ({@code replace_address_first_boot})
 * @param fastStart          shortened ring delay and gossip settle (tests, local mode); off in production
 * @param volumePath         the persistent volume's container path, relative to the sandbox
 * @param cassandraYaml      extra cassandra.yaml settings, rendered over the defaults
 * @param cqlAuthentication  CQL logins required (PasswordAuthenticator, CassandraAuthorizer); the executor makes
 *                           {@code cqlSuperuser} the cluster's superuser and disables the default {@code cassandra} login
 * @param cqlSuperuser       the superuser the executor creates and uses (its password travels as a secret, not here)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CassandraNodeSpec(
        @JsonProperty("node_name") String nodeName,
        @JsonProperty("cluster_name") String clusterName,
        @JsonProperty("config_id") String configId,
        @JsonProperty("seeds") List<String> seeds,
        @JsonProperty("datacenter") String datacenter,
        @JsonProperty("rack") String rack,
        @JsonProperty("ports") Ports ports,
        @JsonProperty("heap_mb") int heapMb,
        @JsonProperty("num_tokens") int numTokens,
        @JsonProperty("replace_address") Optional<String> replaceAddress,
        @JsonProperty("fast_start") boolean fastStart,
        @JsonProperty("volume_path") String volumePath,
        @JsonProperty("cassandra_yaml") Map<String, Object> cassandraYaml,
        @JsonProperty("cql_authentication") boolean cqlAuthentication,
        @JsonProperty("cql_superuser") String cqlSuperuser) {

    public static final String DEFAULT_CQL_SUPERUSER = "cassandra_mesos_admin";

    public CassandraNodeSpec {
        seeds = List.copyOf(seeds);
        replaceAddress = replaceAddress == null ? Optional.empty() : replaceAddress;
        cassandraYaml = cassandraYaml == null ? Map.of() : Map.copyOf(cassandraYaml);
        cqlSuperuser = cqlSuperuser == null || cqlSuperuser.isBlank() ? DEFAULT_CQL_SUPERUSER : cqlSuperuser;
    }

    /** A node without CQL logins (tests and tools that run Cassandra by hand). */
    public CassandraNodeSpec(
            String nodeName,
            String clusterName,
            String configId,
            List<String> seeds,
            String datacenter,
            String rack,
            Ports ports,
            int heapMb,
            int numTokens,
            Optional<String> replaceAddress,
            boolean fastStart,
            String volumePath,
            Map<String, Object> cassandraYaml) {
        this(
                nodeName,
                clusterName,
                configId,
                seeds,
                datacenter,
                rack,
                ports,
                heapMb,
                numTokens,
                replaceAddress,
                fastStart,
                volumePath,
                cassandraYaml,
                false,
                null);
    }

    /** The same node with CQL logins on, as {@code superuser}. */
    public CassandraNodeSpec withCqlAuthentication(String superuser) {
        return new CassandraNodeSpec(
                nodeName,
                clusterName,
                configId,
                seeds,
                datacenter,
                rack,
                ports,
                heapMb,
                numTokens,
                replaceAddress,
                fastStart,
                volumePath,
                cassandraYaml,
                true,
                superuser);
    }

    /**
     * @param metrics the Prometheus JMX exporter's port, or {@link #NO_METRICS} (0): a node whose reservation was made
     *                before the metrics port existed has none, and runs without the exporter until it is replaced
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ports(
            @JsonProperty("native") int nativeTransport,
            @JsonProperty("storage") int storage,
            @JsonProperty("jmx") int jmx,
            @JsonProperty("node_api") int nodeApi,
            @JsonProperty("metrics") int metrics) {

        public static final int NO_METRICS = 0;

        /** A node without a metrics port. */
        public Ports(int nativeTransport, int storage, int jmx, int nodeApi) {
            this(nativeTransport, storage, jmx, nodeApi, NO_METRICS);
        }

        public boolean hasMetrics() {
            return metrics != NO_METRICS;
        }
    }
}

package org.cassandramesos.it.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * One Cassandra node as the test harness places it: which agent, which ports, which volume.
 *
 * @param name          node name, also the reservation label and the executor id prefix
 * @param agent         index of the local agent (its IP is 127.0.0.(2+agent))
 * @param ip            the agent's IP, which Cassandra binds to
 * @param seeds         seed IPs (the harness makes the first node the seed)
 * @param ports         fixed Cassandra ports plus the node API port
 * @param persistenceId the persistent volume's id
 */
public record NodePlan(String name, int agent, String ip, List<String> seeds, CassandraNodeSpec.Ports ports,
                       String persistenceId) {
    public static final String CLUSTER = "it-cluster";
    public static final String DATACENTER = "dc1";
    /** The volume's container path in the sandbox; the spec's {@code volume_path} must match it. */
    public static final String VOLUME_PATH = "volume";
    public static final int HEAP_MB = 256;
    public static final int NUM_TOKENS = 16;

    public NodePlan {
        seeds = List.copyOf(seeds);
    }

    public String executorId() {
        return name + "-executor";
    }

    public CassandraNodeSpec spec() {
        return new CassandraNodeSpec(name, CLUSTER, "config-1", seeds, DATACENTER, "rack-" + agent, ports, HEAP_MB,
                NUM_TOKENS, Optional.empty(), true, VOLUME_PATH, Map.of());
    }
}

package org.cassandramesos.bench.localmode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.CassandraNodeSpec;

/**
 * The node specs local mode's scheduler sends its executors (pure), so the plain script starts the very same nodes:
 * scheduler.yml defaults (cluster {@code cassandra}, {@code datacenter1}, 16 tokens, ports 9042/7000/7199/9001,
 * volume {@code volume}) with local mode's settings (fast start, {@code SEEDS = min(2, nodes)}, heap) on agents
 * 127.0.0.2… with {@code rack=rack-<i>}. As the scheduler does, a seed lists the seeds placed before it plus itself.
 */
final class ClusterNodes {
    static final int NATIVE_PORT = 9042;
    static final List<Integer> PORTS = List.of(NATIVE_PORT, 7000, 7199, 9001);

    private ClusterNodes() {}

    static String ip(int index) {
        return "127.0.0." + (2 + index);
    }

    static List<CassandraNodeSpec> specs(int nodes, int heapMb) {
        int seeds = Math.min(2, nodes);
        List<CassandraNodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            List<String> seedIps = new ArrayList<>();
            for (int s = 0; s < Math.min(seeds, i + 1); s++) {
                seedIps.add(ip(s));
            }
            specs.add(new CassandraNodeSpec(
                    "node-" + i,
                    "cassandra",
                    "bench",
                    seedIps,
                    "datacenter1",
                    "rack-" + i,
                    new CassandraNodeSpec.Ports(NATIVE_PORT, 7000, 7199, 9001),
                    heapMb,
                    16,
                    Optional.empty(),
                    true,
                    "volume",
                    Map.of()));
        }
        return specs;
    }
}

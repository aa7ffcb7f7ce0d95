package org.cassandramesos.bench.launch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.CassandraNodeSpec;

/** The node both modes start: the same spec, so the executor and the by-hand run build the same command line. */
final class BenchNode {
    static final String IP = "127.0.0.2";
    static final String VOLUME_PATH = "volume";

    private BenchNode() {}

    static CassandraNodeSpec spec(int nodeApiPort) {
        return spec(IP, nodeApiPort);
    }

    /** The same node on another loopback IP (the executor footprint bench runs on its own). */
    static CassandraNodeSpec spec(String ip, int nodeApiPort) {
        return new CassandraNodeSpec(
                "node-0",
                "bench",
                "config-1",
                List.of(ip),
                "dc1",
                "rack-0",
                new CassandraNodeSpec.Ports(9042, 7000, 7199, nodeApiPort),
                256,
                16,
                Optional.empty(),
                true,
                VOLUME_PATH,
                Map.of());
    }
}

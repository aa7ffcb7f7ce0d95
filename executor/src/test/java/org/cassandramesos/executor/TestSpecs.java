package org.cassandramesos.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.CassandraNodeSpec;

/** Specs, ports and the Cassandra distribution for tests. */
public final class TestSpecs {
    private TestSpecs() {}

    public static CassandraNodeSpec spec(List<String> seeds, CassandraNodeSpec.Ports ports, Map<String, Object> extra) {
        return new CassandraNodeSpec(
                "node-0",
                "test-cluster",
                "config-1",
                seeds,
                "dc1",
                "rack1",
                ports,
                256,
                16,
                Optional.empty(),
                true,
                "volume",
                extra);
    }

    /** The CQL superuser the real-node tests run with (CQL logins on). */
    public static final org.cassandramesos.executor.cql.CqlCredentials ADMIN =
            new org.cassandramesos.executor.cql.CqlCredentials("test_admin", "adm1n-" + java.util.UUID.randomUUID());

    /** {@link #spec} with CQL logins on, as {@link #ADMIN}. */
    public static CassandraNodeSpec securedSpec(
            List<String> seeds, CassandraNodeSpec.Ports ports, Map<String, Object> extra) {
        return spec(seeds, ports, extra).withCqlAuthentication(ADMIN.user());
    }

    public static CassandraNodeSpec.Ports fixedPorts() {
        return new CassandraNodeSpec.Ports(9042, 7000, 7199, 5051);
    }

    /** Ports free on every one of {@code ips} (one storage port is shared by the whole ring). */
    public static CassandraNodeSpec.Ports freePorts(String... ips) {
        return new CassandraNodeSpec.Ports(freePort(ips), freePort(ips), freePort(ips), freePort(ips));
    }

    public static int freePort(String... ips) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ips[0]))) {
                candidate = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (freeOnAll(candidate, ips)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port free on all of " + List.of(ips));
    }

    private static boolean freeOnAll(int port, String... ips) {
        for (String ip : ips) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(ip))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** cassandra-dist's unpacked tree, passed by the pom. */
    public static Path cassandraHome() {
        String dir = System.getProperty("cassandra.dist.dir");
        if (dir == null) {
            throw new IllegalStateException(
                    "system property cassandra.dist.dir is not set (run the tests through Maven)");
        }
        Path home = Path.of(dir);
        if (!Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException(
                    home + "/lib is missing: build cassandra-dist first (mvn -pl executor -am verify)");
        }
        return home;
    }
}

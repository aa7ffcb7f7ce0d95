package org.cassandramesos.localmode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A port nothing listens on right now, on the given address, chosen below the kernel's ephemeral range: whatever binds
 * "any free port" later (the local Mesos, ZooKeeper, this JVM's clients) gets one from that range, so it can never be
 * handed the port chosen here before its owner (the scheduler's admin port, started later and again) binds it.
 */
final class FreePorts {
    private static final int LOWEST = 20000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private FreePorts() {}

    static int on(String address) {
        int below = ephemeralLow();
        IOException last = null;
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = LOWEST + RANDOM.nextInt(below - LOWEST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
                return port;
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IllegalStateException("no free port on " + address + " between " + LOWEST + " and " + below, last);
    }

    /** The first port of the kernel's ephemeral range (Linux: net.ipv4.ip_local_port_range), 32768 by default. */
    private static int ephemeralLow() {
        try {
            int low = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim()
                    .split("\\s+")[0]);
            return low > LOWEST + 1000 ? low : 32768;
        } catch (IOException | RuntimeException unknown) {
            return 32768;
        }
    }
}

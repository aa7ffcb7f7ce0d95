package org.cassandramesos.executor.jmx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** What tests ask a running JVM about JMX: which TCP ports it listens on, and whether a JMX login works there. */
public final class JmxProbes {
    private JmxProbes() {}

    /** Every TCP port the process listens on, any address, from its socket fds matched against /proc/net/tcp{,6}. */
    public static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the fd went away while listing
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", String.valueOf(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address HEX:PORT, f[3] state (0A = LISTEN), f[9] inode
                if ("0A".equals(f[3]) && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /**
     * Tries a JMX connection to {@code host:port} as an RMI registry + connector, with the given credentials (none
     * when null), and lists the MBean count; returns how it ended: "connected" or the exception's class and message.
     */
    public static String tryConnect(String host, int port, String[] credentials) {
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
            Map<String, Object> env = credentials == null
                    ? Map.of("sun.rmi.transport.tcp.responseTimeout", "5000")
                    : Map.of(JMXConnector.CREDENTIALS, credentials);
            try (JMXConnector connector = JMXConnectorFactory.connect(url, env)) {
                connector.getMBeanServerConnection().getMBeanCount();
                return "connected";
            }
        } catch (Exception | Error e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}

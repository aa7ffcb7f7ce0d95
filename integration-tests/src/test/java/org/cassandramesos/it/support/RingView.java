package org.cassandramesos.it.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What one node's StorageService says about the ring, over plain JMX (nodetool's source of "UN"): its operation
 * mode and which endpoints it sees live, unreachable, joining, leaving or moving.
 */
public record RingView(String operationMode, List<String> live, List<String> unreachable, List<String> joining,
                       List<String> leaving, List<String> moving, Map<String, String> tokenToEndpoint) {

    /**
     * The node's JMX login, as an operator on its agent finds it: the password file its executor wrote (0600, in the
     * sandbox), named on the command line of the Cassandra process that serves JMX on {@code ip:port}.
     */
    static String[] credentials(String ip, int jmxPort) throws IOException {
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String cmd;
            try {
                cmd = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc",
                        Long.toString(process.pid()), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException gone) {
                continue;
            }
            List<String> args = List.of(cmd.split("\0"));
            if (!args.contains("-Dcassandra-mesos.jmx.host=" + ip) || !args.contains("-Dcassandra-mesos.jmx.port=" + jmxPort)) {
                continue;
            }
            for (String arg : args) {
                if (arg.startsWith("-Dcassandra-mesos.jmx.password.file=")) {
                    String line = java.nio.file.Files.readString(java.nio.file.Path.of(
                            arg.substring("-Dcassandra-mesos.jmx.password.file=".length()))).trim();
                    return line.split("\\s+", 2);
                }
            }
        }
        throw new IOException("no Cassandra process serves JMX on " + ip + ":" + jmxPort);
    }

    public static RingView of(String ip, int jmxPort) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + ip + ":" + jmxPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, credentials(ip, jmxPort)))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            ObjectName storage = new ObjectName("org.apache.cassandra.db:type=StorageService");
            return new RingView((String) mbeans.getAttribute(storage, "OperationMode"),
                    strings(mbeans.getAttribute(storage, "LiveNodes")),
                    strings(mbeans.getAttribute(storage, "UnreachableNodes")),
                    strings(mbeans.getAttribute(storage, "JoiningNodes")),
                    strings(mbeans.getAttribute(storage, "LeavingNodes")),
                    strings(mbeans.getAttribute(storage, "MovingNodes")),
                    tokens(mbeans.getAttribute(storage, "TokenToEndpointMap")));
        } catch (IOException e) {
            throw new IOException("JMX at " + ip + ":" + jmxPort + ": " + e.getMessage(), e);
        }
    }

    /** Up and Normal as nodetool prints it: every expected endpoint live, nobody unreachable or in motion. */
    public boolean allUpNormal(List<String> ips) {
        return "NORMAL".equals(operationMode) && live.size() == ips.size() && live.containsAll(ips)
                && unreachable.isEmpty() && joining.isEmpty() && leaving.isEmpty() && moving.isEmpty();
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).map(RingView::withoutPort).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tokens(Object value) {
        Map<String, String> out = new java.util.TreeMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), withoutPort(String.valueOf(v))));
        return out;
    }

    /** Cassandra 4+ may print endpoints as {@code ip:port}. */
    private static String withoutPort(String endpoint) {
        String e = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
        int colon = e.lastIndexOf(':');
        return colon > 0 && e.indexOf(':') == colon ? e.substring(0, colon) : e;
    }
}

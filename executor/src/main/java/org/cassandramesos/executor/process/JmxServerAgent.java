package org.cassandramesos.executor.process;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;

/**
 * A Java agent loaded into the Cassandra JVM that serves JMX on {@code <node ip>:<jmx port>} (registry and connector
 * on that one port) and only to clients that log in with the password file's credentials; what they may do is in the
 * access file. Replaces the JDK's {@code -Dcom.sun.management.jmxremote.*} agent, which also opens an unauthenticated
 * "local" connector on a random port of every interface (its only check is that the client's address is one of this
 * host's), and Cassandra's own JMX server, which binds every interface. Configured by system properties (paths, never
 * secrets, so the command line holds none). Uses only JDK classes: it runs from a tiny jar ({@link AgentJars}).
 */
public final class JmxServerAgent {
    public static final String HOST = "cassandra-mesos.jmx.host";
    public static final String PORT = "cassandra-mesos.jmx.port";
    public static final String PASSWORD_FILE = "cassandra-mesos.jmx.password.file";
    public static final String ACCESS_FILE = "cassandra-mesos.jmx.access.file";

    private JmxServerAgent() {}

    public static void premain(String args) throws IOException {
        String host = required(HOST);
        int port = Integer.parseInt(required(PORT));
        Map<String, Object> env = new HashMap<>();
        env.put("jmx.remote.x.password.file", required(PASSWORD_FILE));
        env.put("jmx.remote.x.access.file", required(ACCESS_FILE));
        // Credentials are a String[]; nothing else is deserialized before authentication.
        env.put("jmx.remote.rmi.server.credentials.filter.pattern", String.class.getName() + ";!*");
        BoundServerSocketFactory sockets = new BoundServerSocketFactory(InetAddress.getByName(host));
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        // The stubs clients get name the node IP, not whatever the host name resolves to.
        System.setProperty("java.rmi.server.hostname", host);
        Registry registry = LocateRegistry.createRegistry(port, null, sockets);
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(port, null, sockets, env);
        RMIConnectorServer connector = new RMIConnectorServer(
                new JMXServiceURL("service:jmx:rmi://" + host + ":" + port),
                env,
                server,
                ManagementFactory.getPlatformMBeanServer());
        connector.start();
        registry.rebind("jmxrmi", server.toStub());
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("cassandra-mesos JMX agent: system property " + property + " is not set");
        }
        return value;
    }

    /**
     * Server sockets on one address only. Equal instances let RMI share one port between the registry and the
     * connector.
     */
    static final class BoundServerSocketFactory implements RMIServerSocketFactory, Serializable {
        private static final long serialVersionUID = 1L;
        private final InetAddress address;

        BoundServerSocketFactory(InetAddress address) {
            this.address = address;
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 50);
            return socket;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BoundServerSocketFactory f && f.address.equals(address);
        }

        @Override
        public int hashCode() {
            return Objects.hash(address);
        }
    }
}

package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import org.cassandramesos.scheduler.config.DiskType;
import org.cassandramesos.scheduler.config.PortsConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;

/**
 * What one Cassandra node needs from an agent: the task's cpus, mem, a persistent volume (on the root
 * disk, or a whole MOUNT disk of at least {@code diskMb}) and ports,
 * plus its executor's cpus and mem (counted separately by Mesos, reserved together by us).
 */
public record NodeRequirement(
        String nodeName,
        double cpus,
        int memMb,
        int diskMb,
        DiskType diskType,
        List<PortRequirement> ports,
        double executorCpus,
        int executorMemMb,
        String volumePath) {

    public static final String DEFAULT_VOLUME_PATH = "volume";

    public NodeRequirement {
        ports = List.copyOf(ports);
    }

    public static NodeRequirement of(String nodeName, ServiceConfig config) {
        PortsConfig p = config.ports();
        List<PortRequirement> ports = new ArrayList<>(List.of(
                new PortRequirement(PortRequirement.NATIVE, p.nativeTransport()),
                new PortRequirement(PortRequirement.STORAGE, p.storage()),
                new PortRequirement(PortRequirement.JMX, p.jmx()),
                new PortRequirement(PortRequirement.NODE_API, p.nodeApi())));
        if (p.hasMetrics()) {
            ports.add(new PortRequirement(PortRequirement.METRICS, p.metrics()));
        }
        return new NodeRequirement(
                nodeName,
                config.nodes().cpus(),
                config.nodes().memMb(),
                config.nodes().diskMb(),
                config.nodes().diskType(),
                ports,
                config.executor().cpus(),
                config.executor().memMb(),
                DEFAULT_VOLUME_PATH);
    }

    /** cpus reserved for the node: task plus executor. */
    public double reservedCpus() {
        return cpus + executorCpus;
    }

    /** mem reserved for the node: task plus executor. */
    public int reservedMemMb() {
        return memMb + executorMemMb;
    }

    /**
     * A named port, fixed or {@link PortsConfig#DYNAMIC}.
     *
     * @param name e.g. {@code native}
     * @param port a fixed port, or 0 to take any free one from the offer
     */
    public record PortRequirement(String name, int port) {
        public static final String NATIVE = "native";
        public static final String STORAGE = "storage";
        public static final String JMX = "jmx";
        public static final String NODE_API = "node_api";
        /** The Prometheus JMX exporter's; missing from reservations made before it existed. */
        public static final String METRICS = "metrics";

        public boolean dynamic() {
            return port == PortsConfig.DYNAMIC;
        }
    }
}

package org.cassandramesos.scheduler.ops;

import java.net.URI;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.offer.NodeRequirement.PortRequirement;
import org.cassandramesos.scheduler.state.NodeRecord;

/** Where a node's executor serves its node API: the agent's IP and the node API port. */
public record NodeAddress(String node, String ip, int port) {

    /**
     * The address from what is stored of the node: the IP of its agent, the node API port its task was
     * launched with, else the one reserved for it. Empty when the node has no place or no such port.
     */
    public static Optional<NodeAddress> of(String node, Optional<NodeRecord> record, Optional<TaskInfo> task) {
        Optional<String> ip =
                record.filter(r -> r.agent() != null).map(r -> r.agent().ip());
        Optional<Integer> launched = task.filter(TaskInfo::hasData)
                .map(t -> TaskData.decode(t.getData(), CassandraNodeSpec.class)
                        .ports()
                        .nodeApi())
                .filter(p -> p > 0);
        Optional<Integer> port = launched.or(() -> record.map(
                r -> r.reservation() == null ? null : r.reservation().ports().get(PortRequirement.NODE_API)));
        if (ip.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodeAddress(node, ip.get(), port.get()));
    }

    public URI uri(String path) {
        return uri("http", path);
    }

    /** {@code scheme} is http, or https when the node API serves TLS. */
    public URI uri(String scheme, String path) {
        return URI.create(scheme + "://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port + path);
    }

    @Override
    public String toString() {
        return node + " at " + ip + ":" + port;
    }
}

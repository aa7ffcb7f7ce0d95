package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * CQL contact points of the running nodes: {@code ip:native_port} and the Mesos-DNS names
 * {@code <node>.<service>.mesos:native_port}.
 */
public record ConnectionInfo(@JsonProperty("address") List<String> address, @JsonProperty("dns") List<String> dns) {

    static ConnectionInfo of(List<NodeState> nodes, String serviceName) {
        String domain = serviceName.replaceFirst("^/+", "") + ".mesos";
        List<NodeState> reachable = nodes.stream()
                .filter(NodeState::isRunning)
                .filter(node -> node.ip().isPresent() && node.nativePort().isPresent())
                .toList();
        return new ConnectionInfo(
                reachable.stream().map(n -> n.ip().get() + ":" + n.nativePort().get()).toList(),
                reachable.stream().map(n -> n.name() + "." + domain + ":" + n.nativePort().get()).toList());
    }
}

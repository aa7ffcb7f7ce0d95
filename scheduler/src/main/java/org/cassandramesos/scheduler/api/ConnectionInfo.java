package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * CQL contact points of the nodes that serve CQL ({@link NodeState#servesCql()}): {@code ip:native_port}
 * ({@code nodes}, seed 002's documented body, and {@code address}, the same list under its earlier name) and
 * the Mesos-DNS names {@code <node>.<service>.mesos:native_port}.
 */
public record ConnectionInfo(
        @JsonProperty("nodes") List<String> nodes,
        @JsonProperty("address") List<String> address,
        @JsonProperty("dns") List<String> dns) {

    static ConnectionInfo of(List<NodeState> nodes, String serviceName) {
        String domain = serviceName.replaceFirst("^/+", "") + ".mesos";
        List<NodeState> serving = nodes.stream()
                .filter(NodeState::servesCql)
                .filter(node -> node.ip().isPresent() && node.nativePort().isPresent())
                .toList();
        List<String> addresses = serving.stream()
                .map(n -> n.ip().get() + ":" + n.nativePort().get())
                .toList();
        return new ConnectionInfo(
                addresses,
                addresses,
                serving.stream()
                        .map(n -> n.name() + "." + domain + ":" + n.nativePort().get())
                        .toList());
    }
}

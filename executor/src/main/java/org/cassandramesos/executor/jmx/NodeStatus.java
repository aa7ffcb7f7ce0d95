package org.cassandramesos.executor.jmx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What Cassandra says about itself (the nodetool status/info essentials). */
public record NodeStatus(
        @JsonProperty("operation_mode") String operationMode,
        @JsonProperty("joined") boolean joined,
        @JsonProperty("gossip_running") boolean gossipRunning,
        @JsonProperty("native_transport_running") boolean nativeTransportRunning,
        @JsonProperty("host_id") String hostId,
        @JsonProperty("tokens") int tokens,
        @JsonProperty("datacenter") String datacenter,
        @JsonProperty("rack") String rack,
        @JsonProperty("load") String load,
        @JsonProperty("release_version") String releaseVersion,
        @JsonProperty("live_nodes") List<String> liveNodes,
        @JsonProperty("unreachable_nodes") List<String> unreachableNodes) {

    public NodeStatus {
        liveNodes = List.copyOf(liveNodes);
        unreachableNodes = List.copyOf(unreachableNodes);
    }

    /** Up and in the ring, serving clients. */
    public boolean normal() {
        return "NORMAL".equals(operationMode) && joined && nativeTransportRunning;
    }
}

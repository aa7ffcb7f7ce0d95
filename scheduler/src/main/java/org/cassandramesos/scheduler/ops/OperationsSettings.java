package org.cassandramesos.scheduler.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Timings of operations and node verbs ({@code operations:} in scheduler.yml).
 *
 * @param pollInterval         how often jobs in flight are polled and new ones sent
 * @param nodeApiTimeout       every node API call answers within this, or counts as unreachable
 * @param decommissionTimeout  how long {@code destroy} waits for a node to leave the ring
 * @param cleanupAfterScaleOut start the cleanup operation when a scale-out ends (off: the plan and log say to run it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperationsSettings(
        @JsonProperty("poll_interval") Duration pollInterval,
        @JsonProperty("node_api_timeout") Duration nodeApiTimeout,
        @JsonProperty("decommission_timeout") Duration decommissionTimeout,
        @JsonProperty("cleanup_after_scale_out") boolean cleanupAfterScaleOut) {

    public static OperationsSettings defaults() {
        return new OperationsSettings(null, null, null, false);
    }

    public OperationsSettings {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        nodeApiTimeout = nodeApiTimeout == null ? Duration.ofSeconds(10) : nodeApiTimeout;
        decommissionTimeout = decommissionTimeout == null ? Duration.ofHours(2) : decommissionTimeout;
    }
}

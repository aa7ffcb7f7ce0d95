package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The ports a node listens on. A fixed number, or {@link #DYNAMIC} (0) to take any free port from the
 * offer, which lets several nodes share one agent (each on its own IP in local mode, or on one IP).
 *
 * @param metrics the Prometheus JMX exporter's port ({@code METRICS_PORT}); null only in a configuration stored before
 *                the setting existed: nodes placed under it have no metrics port in their reservation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortsConfig(
        @JsonProperty("native") int nativeTransport,
        @JsonProperty("storage") int storage,
        @JsonProperty("jmx") int jmx,
        @JsonProperty("node_api") int nodeApi,
        @JsonProperty("metrics") Integer metrics) {

    public static final int DYNAMIC = 0;

    public static PortsConfig defaults() {
        return new PortsConfig(9042, 7000, 7199, 9001, 7070);
    }

    public static PortsConfig allDynamic() {
        return new PortsConfig(DYNAMIC, DYNAMIC, DYNAMIC, DYNAMIC, DYNAMIC);
    }

    public boolean hasMetrics() {
        return metrics != null;
    }

    public PortsConfig withMetrics(Integer value) {
        return new PortsConfig(nativeTransport, storage, jmx, nodeApi, value);
    }
}

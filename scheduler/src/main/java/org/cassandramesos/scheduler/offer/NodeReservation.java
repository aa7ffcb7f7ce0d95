package org.cassandramesos.scheduler.offer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The reservation and volume a node got at its first launch; a relaunch finds them again in offers by
 * these ids (labels and persistence id), never by agent id, which changes when an agent reboots.
 *
 * @param resourceId    value of the {@code resource_id} label on every reserved resource of the node
 * @param persistenceId the persistent volume's id
 * @param ports         the ports the node was given, by name ({@code native}, {@code storage}, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeReservation(
        @JsonProperty("resource_id") String resourceId,
        @JsonProperty("persistence_id") String persistenceId,
        @JsonProperty("ports") Map<String, Integer> ports) {

    public NodeReservation {
        ports = ports == null ? Map.of() : Map.copyOf(ports);
    }
}

package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where nodes may go and how their location maps onto Cassandra's topology.
 *
 * @param constraints   Marathon-syntax constraints, e.g. {@code hostname:UNIQUE,rack:GROUP_BY:3}; empty = none
 * @param rackAttribute agent attribute whose value becomes the node's rack; empty = every node in {@code defaultRack}
 * @param defaultRack   rack for agents without the attribute
 * @param datacenter    Cassandra datacenter name (GossipingPropertyFileSnitch {@code dc})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlacementConfig(
        @JsonProperty("constraints") String constraints,
        @JsonProperty("rack_attribute") String rackAttribute,
        @JsonProperty("default_rack") String defaultRack,
        @JsonProperty("datacenter") String datacenter) {

    public PlacementConfig {
        constraints = constraints == null ? "" : constraints;
        rackAttribute = rackAttribute == null ? "" : rackAttribute;
        defaultRack = defaultRack == null || defaultRack.isBlank() ? "rack1" : defaultRack;
    }

    public static PlacementConfig defaults() {
        return new PlacementConfig("hostname:UNIQUE", "", "rack1", "datacenter1");
    }

    public PlacementConfig withConstraints(String value) {
        return new PlacementConfig(value, rackAttribute, defaultRack, datacenter);
    }

    public PlacementConfig withRackAttribute(String value) {
        return new PlacementConfig(constraints, value, defaultRack, datacenter);
    }
}

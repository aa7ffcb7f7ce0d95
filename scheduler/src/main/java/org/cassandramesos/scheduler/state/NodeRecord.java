package org.cassandramesos.scheduler.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.Evaluation;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.offer.PlacedNode;

/**
 * Where a node lives and what must happen to it next, beyond its TaskInfo and TaskStatus.
 *
 * @param nodeName          {@code node-i}
 * @param agent             the agent it was placed on (id, hostname, IP, attributes)
 * @param rack              its Cassandra rack
 * @param reservation       its reservation labels ({@code resource_id}), volume persistence id and ports
 * @param replaceAddress    set while the node must start with {@code replace_address_first_boot}=this IP
 * @param permanentlyFailed the node must be placed anew (agent gone, or replaced by the operator)
 * @param launchConfirmed   an agent or executor has reported on a task of this reservation, so the
 *                          RESERVE and CREATE took effect (operations have no feedback of their own)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeRecord(
        @JsonProperty("node_name") String nodeName,
        @JsonProperty("agent") AgentFacts agent,
        @JsonProperty("rack") String rack,
        @JsonProperty("reservation") NodeReservation reservation,
        @JsonProperty("replace_address") Optional<String> replaceAddress,
        @JsonProperty("permanently_failed") boolean permanentlyFailed,
        @JsonProperty("launch_confirmed") boolean launchConfirmed) {

    public NodeRecord {
        replaceAddress = replaceAddress == null ? Optional.empty() : replaceAddress;
    }

    public NodeRecord(
            String nodeName,
            AgentFacts agent,
            String rack,
            NodeReservation reservation,
            Optional<String> replaceAddress,
            boolean permanentlyFailed) {
        this(nodeName, agent, rack, reservation, replaceAddress, permanentlyFailed, false);
    }

    /**
     * What to record for a node the moment its ACCEPT is decided: where it goes and what it reserved.
     * A replacement keeps {@code replaceAddress} until it has joined the ring.
     */
    public static NodeRecord launching(Evaluation.Recommendation recommendation, Optional<String> replaceAddress) {
        // a relaunch found its reservation in the offer: it exists; a first launch's is unconfirmed yet
        return new NodeRecord(
                recommendation.nodeName(),
                recommendation.agent(),
                recommendation.rack(),
                recommendation.reservation(),
                replaceAddress,
                false,
                !recommendation.firstLaunch());
    }

    /** An agent or executor reported on the node's task: its reservation and volume exist. */
    public NodeRecord confirmLaunch() {
        return new NodeRecord(nodeName, agent, rack, reservation, replaceAddress, permanentlyFailed, true);
    }

    /**
     * A first launch ended before anything confirmed it: whatever it may have reserved is treated as a
     * leftover, and the next attempt is a first launch again.
     */
    public NodeRecord forgetUnconfirmedReservation() {
        return new NodeRecord(nodeName, agent, rack, null, replaceAddress, permanentlyFailed, false);
    }

    /** Whether a relaunch must find this reservation again (else the node is placed afresh). */
    public boolean hasReservation() {
        return reservation != null && !permanentlyFailed;
    }

    public PlacedNode placed() {
        return new PlacedNode(nodeName, agent);
    }

    /** Replace elsewhere: a fresh placement that takes over the dead node's tokens from its old IP. */
    public NodeRecord markPermanentlyFailed() {
        return new NodeRecord(nodeName, agent, rack, reservation, Optional.of(agent.ip()), true, launchConfirmed);
    }

    /** The replacement has joined the ring: later restarts are ordinary ones. */
    public NodeRecord replaceDone() {
        return new NodeRecord(nodeName, agent, rack, reservation, Optional.empty(), false, launchConfirmed);
    }
}

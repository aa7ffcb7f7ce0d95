package org.cassandramesos.scheduler.offer;

import java.util.List;
import java.util.Optional;

/**
 * A node that wants an offer.
 *
 * @param requirement  what it needs
 * @param reservation  present for a relaunch in place: its reservation and volume; empty for a first
 *                     launch (new node, or a replacement elsewhere)
 * @param placed       the other nodes already placed, for placement constraints
 * @param context      cluster facts for its TaskInfo
 */
public record PendingNode(
        NodeRequirement requirement,
        Optional<NodeReservation> reservation,
        List<PlacedNode> placed,
        LaunchContext context) {

    public PendingNode {
        placed = List.copyOf(placed);
    }

    public String nodeName() {
        return requirement.nodeName();
    }
}

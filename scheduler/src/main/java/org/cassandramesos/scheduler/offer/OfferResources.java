package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * An offer's resources sorted once into what matters to us: what we may still reserve (unreserved),
 * what we have reserved (by {@code resource_id}), and our reservations nobody claims. Resources
 * allocated to another role, statically reserved, or reserved by another principal are ignored.
 */
public final class OfferResources {
    private final Offer offer;
    private final AgentFacts agent;
    private final Map<String, List<Resource>> reservable = new HashMap<>();
    private final Map<String, List<Resource>> ownByResourceId = new HashMap<>();
    private final List<Resource> unlabelled = new ArrayList<>();

    private OfferResources(Offer offer) {
        this.offer = offer;
        this.agent = AgentFacts.of(offer);
    }

    public static OfferResources of(Offer offer, String role, String principal) {
        OfferResources sorted = new OfferResources(offer);
        for (Resource resource : offer.getResourcesList()) {
            if (resource.hasAllocationInfo()
                    && !role.equals(resource.getAllocationInfo().getRole())) {
                continue;
            }
            if (resource.getReservationsCount() == 0) {
                sorted.reservable
                        .computeIfAbsent(resource.getName(), k -> new ArrayList<>(2))
                        .add(resource);
                continue;
            }
            // Statically reserved resources are left alone: refining them needs a strict sub-role of the
            // static role, and without our labels we could not find them again anyway.
            ReservationInfo own = ReservationLabels.ownReservation(resource, role, principal);
            if (own == null) {
                continue;
            }
            String resourceId = ReservationLabels.resourceId(own);
            if (resourceId == null) {
                sorted.unlabelled.add(resource);
            } else {
                sorted.ownByResourceId
                        .computeIfAbsent(resourceId, k -> new ArrayList<>(6))
                        .add(resource);
            }
        }
        return sorted;
    }

    public Offer offer() {
        return offer;
    }

    public AgentFacts agent() {
        return agent;
    }

    /** Unreserved resources named {@code name}. */
    List<Resource> reservable(String name) {
        return reservable.getOrDefault(name, List.of());
    }

    /** Our reserved resources labelled {@code resource_id=resourceId}. */
    List<Resource> reservedFor(String resourceId) {
        return ownByResourceId.getOrDefault(resourceId, List.of());
    }

    /** Our reservations grouped by {@code resource_id}. */
    public Map<String, List<Resource>> ownReservations() {
        return ownByResourceId;
    }

    /** Our reservations with no {@code resource_id} label at all. */
    List<Resource> unlabelledReservations() {
        return unlabelled;
    }
}

package org.cassandramesos.scheduler.uninstall;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.cassandramesos.scheduler.offer.Leftovers;
import org.cassandramesos.scheduler.offer.OfferResources;

/**
 * What to do with an offer while uninstalling: every reservation of our role and principal in it goes (its volumes
 * DESTROYed, then everything UNRESERVEd, exactly as offered), whatever its labels; nothing else is touched
 * (unreserved resources, other roles, static or other principals' reservations). Pure.
 */
public final class UninstallOffers {
    private UninstallOffers() {}

    /**
     * @param operations  the ACCEPT's operations; empty: decline the offer
     * @param resourceIds the {@code resource_id}s of the reservations released
     */
    public record Decision(List<Operation> operations, Set<String> resourceIds) {
        public Decision {
            operations = List.copyOf(operations);
            resourceIds = Set.copyOf(resourceIds);
        }

        public boolean releases() {
            return !operations.isEmpty();
        }
    }

    public static Decision decide(OfferResources offer) {
        // with no reservation claimed, every own reservation is a leftover to release
        List<Operation> operations = Leftovers.release(offer, Set.of());
        return new Decision(operations, new TreeSet<>(offer.ownReservations().keySet()));
    }
}

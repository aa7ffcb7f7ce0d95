package org.cassandramesos.local.master;

import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.Offer;
import org.cassandramesos.local.resources.Resources;

/** An outstanding offer: its resources are held until it is accepted, declined or rescinded. */
record OfferRecord(
        Offer offer,
        String frameworkId,
        String agentId,
        String role,
        Resources resources,
        ScheduledFuture<?>[] timeout) {
    String id() {
        return offer.getId().getValue();
    }
}

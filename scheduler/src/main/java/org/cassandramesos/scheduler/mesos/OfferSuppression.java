package org.cassandramesos.scheduler.mesos;

import java.util.List;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers only while there is work: SUPPRESS when nothing is pending; REVIVE as soon as work appears,
 * which also clears the long refuse filters of offers declined while nothing was pending. A new
 * subscription starts unsuppressed.
 */
final class OfferSuppression {
    private static final Logger LOG = LoggerFactory.getLogger(OfferSuppression.class);

    private final List<String> roles;
    private boolean wantsOffers = true;

    OfferSuppression(String role) {
        this.roles = List.of(role);
    }

    /** A SUBSCRIBE without suppressed roles un-suppresses. */
    void subscribed() {
        wantsOffers = true;
    }

    void update(Mesos mesos, boolean wanted) {
        if (wanted == wantsOffers) {
            return;
        }
        if (wanted) {
            revive(mesos);
        } else if (Calling.send(mesos, Calls.suppress(roles))) {
            LOG.info("nothing is pending: suppressing offers");
            wantsOffers = false;
        }
    }

    /** Work appeared: offers now, unfiltered. */
    void revive(Mesos mesos) {
        if (Calling.send(mesos, Calls.revive(roles))) {
            LOG.info("work is pending: reviving offers");
            wantsOffers = true;
        }
    }

    boolean isSuppressed() {
        return !wantsOffers;
    }
}

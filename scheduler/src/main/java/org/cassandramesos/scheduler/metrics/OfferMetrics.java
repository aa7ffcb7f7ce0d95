package org.cassandramesos.scheduler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What became of the offers Mesos sent. Every offer is counted once as received and once as accepted or declined;
 * each time an offer did not fit a node looking for one, a rejection with its cause. Label values are a small fixed
 * set (never an agent, an offer id or a free-text reason), so the series stay few.
 */
public final class OfferMetrics {
    /** Why an offer was declined as a whole. */
    public enum Decline {
        /** ZooKeeper away or the tasks not reconciled yet: nothing may be launched. */
        NOT_READY,
        /** No node was looking for an offer, or each one that was found a fit in another offer of the round. */
        UNNEEDED,
        /** Nodes wait, but none fits this offer (each miss is a rejection). */
        NO_FIT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What an accepted offer was for. */
    public enum Accept {
        /** a node's task: RESERVE + CREATE + LAUNCH, or LAUNCH on its own reservation */
        LAUNCH,
        /** reservations nobody claims any more: UNRESERVE / DESTROY */
        RELEASE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why one offer did not fit one node. */
    public enum Rejection {
        /** a placement constraint (hostname:UNIQUE, GROUP_BY, LIKE, …) */
        PLACEMENT,
        /** not enough cpus, mem, disk or ports, or not the node's own reservation */
        RESOURCES,
        /** the node is being replaced and this is its old agent */
        REPLACING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Counter received;
    private final Counter accepted;
    private final Counter declined;
    private final Counter rejections;

    OfferMetrics(PrometheusRegistry registry) {
        received = Counter.builder()
                .name(SchedulerMetrics.PREFIX + "offers_received")
                .help("Offers received from the Mesos master")
                .register(registry);
        accepted = Counter.builder()
                .name(SchedulerMetrics.PREFIX + "offers_accepted")
                .help("Offers accepted, by purpose (launch a node, release reservations nobody claims)")
                .labelNames("purpose")
                .register(registry);
        declined = Counter.builder()
                .name(SchedulerMetrics.PREFIX + "offers_declined")
                .help("Offers declined, by reason (not_ready, unneeded, no_fit)")
                .labelNames("reason")
                .register(registry);
        rejections = Counter.builder()
                .name(SchedulerMetrics.PREFIX + "offer_rejections")
                .help("Times an offer did not fit a node waiting for one, by cause (placement, resources, replacing)")
                .labelNames("cause")
                .register(registry);
        for (Accept a : Accept.values()) {
            accepted.initLabelValues(a.label());
        }
        for (Decline d : Decline.values()) {
            declined.initLabelValues(d.label());
        }
        for (Rejection r : Rejection.values()) {
            rejections.initLabelValues(r.label());
        }
    }

    public void received(int offers) {
        received.inc(offers);
    }

    public void accepted(Accept purpose) {
        accepted.labelValues(purpose.label()).inc();
    }

    public void declined(Decline reason, int offers) {
        declined.labelValues(reason.label()).inc(offers);
    }

    public void rejected(Rejection cause) {
        rejections.labelValues(cause.label()).inc();
    }
}

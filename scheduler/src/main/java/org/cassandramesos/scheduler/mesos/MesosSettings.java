package org.cassandramesos.scheduler.mesos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Timings of the scheduler's conversation with the master (tests shorten them).
 *
 * @param tick               how often the scheduler thread polls reconciliation, grace timers and suppression
 * @param refuseShort        refuse filter for offers declined while work is pending (or before reconciling)
 * @param refuseLong         refuse filter for offers declined while nothing is pending
 * @param killGrace          kill policy grace period (the executor drains Cassandra within it)
 * @param reconcileInitial   first explicit reconciliation backoff
 * @param reconcileMax       cap of the explicit reconciliation backoff
 * @param reconcilePeriod    period of implicit reconciliation once reconciled
 * @param subscribeBackoffMax cap of the re-subscribe backoff
 * @param launchTimeout      a deploy step whose launched task has reported nothing for this long fails its attempt
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MesosSettings(
        @JsonProperty("tick") Duration tick,
        @JsonProperty("refuse_short") Duration refuseShort,
        @JsonProperty("refuse_long") Duration refuseLong,
        @JsonProperty("kill_grace") Duration killGrace,
        @JsonProperty("reconcile_initial") Duration reconcileInitial,
        @JsonProperty("reconcile_max") Duration reconcileMax,
        @JsonProperty("reconcile_period") Duration reconcilePeriod,
        @JsonProperty("subscribe_backoff_max") Duration subscribeBackoffMax,
        @JsonProperty("launch_timeout") Duration launchTimeout) {

    private static final MesosSettings DEFAULTS = new MesosSettings(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(4),
            Duration.ofSeconds(30),
            Duration.ofMinutes(15),
            Duration.ofSeconds(15),
            Duration.ofSeconds(600));

    public static MesosSettings defaults() {
        return DEFAULTS;
    }

    /** Unset values (e.g. missing from YAML) take the defaults. */
    public MesosSettings {
        if (DEFAULTS != null) {
            tick = tick == null ? DEFAULTS.tick : tick;
            refuseShort = refuseShort == null ? DEFAULTS.refuseShort : refuseShort;
            refuseLong = refuseLong == null ? DEFAULTS.refuseLong : refuseLong;
            killGrace = killGrace == null ? DEFAULTS.killGrace : killGrace;
            reconcileInitial = reconcileInitial == null ? DEFAULTS.reconcileInitial : reconcileInitial;
            reconcileMax = reconcileMax == null ? DEFAULTS.reconcileMax : reconcileMax;
            reconcilePeriod = reconcilePeriod == null ? DEFAULTS.reconcilePeriod : reconcilePeriod;
            subscribeBackoffMax = subscribeBackoffMax == null ? DEFAULTS.subscribeBackoffMax : subscribeBackoffMax;
            launchTimeout = launchTimeout == null ? DEFAULTS.launchTimeout : launchTimeout;
        }
    }

    public Reconciler newReconciler() {
        return new Reconciler(reconcileInitial, reconcileMax, reconcilePeriod);
    }
}

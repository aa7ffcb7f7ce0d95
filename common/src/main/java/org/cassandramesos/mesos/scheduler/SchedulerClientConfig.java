package org.cassandramesos.mesos.scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * How to reach and subscribe to the master.
 *
 * @param master              any master; the client follows 307s to the leader
 * @param frameworkInfo       sent on SUBSCRIBE; its {@code id} is replaced by {@code frameworkId}
 * @param frameworkId         the persisted framework id, read at every (re)subscribe
 * @param authorization       the {@code Authorization} header value, read at every request (tokens refresh)
 * @param unauthorized        told when the master answers 401 (a token revoked or expired early): a refreshing
 *                            credential fetches a new one, which the next request reads
 * @param backoffInitial      first re-subscribe wait bound
 * @param backoffMax          re-subscribe wait cap (Mesos recommends about 15 s)
 * @param callTimeout         timeout of one non-streaming call
 * @param missedHeartbeats    how many heartbeat intervals of silence close the stream
 */
public record SchedulerClientConfig(
        URI master,
        FrameworkInfo frameworkInfo,
        Supplier<Optional<FrameworkID>> frameworkId,
        Supplier<Optional<String>> authorization,
        Runnable unauthorized,
        Duration backoffInitial,
        Duration backoffMax,
        Duration callTimeout,
        int missedHeartbeats) {

    public SchedulerClientConfig {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(frameworkInfo, "frameworkInfo");
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(unauthorized, "unauthorized");
        if (missedHeartbeats < 1) {
            throw new IllegalArgumentException("missedHeartbeats must be >= 1");
        }
    }

    /** Defaults from the Mesos docs: backoff 0.5 s → 15 s, 75 s calls, 5 missed heartbeats. */
    public static SchedulerClientConfig of(
            URI master, FrameworkInfo info, Supplier<Optional<FrameworkID>> frameworkId) {
        return new SchedulerClientConfig(
                master,
                info,
                frameworkId,
                Optional::empty,
                () -> {},
                Duration.ofMillis(500),
                Duration.ofSeconds(15),
                Duration.ofSeconds(75),
                5);
    }

    public SchedulerClientConfig withBackoff(Duration initial, Duration max) {
        return new SchedulerClientConfig(
                master,
                frameworkInfo,
                frameworkId,
                authorization,
                unauthorized,
                initial,
                max,
                callTimeout,
                missedHeartbeats);
    }

    /** A fixed credential: a 401 changes nothing. */
    public SchedulerClientConfig withAuthorization(Supplier<Optional<String>> header) {
        return withAuthorization(header, () -> {});
    }

    /** A credential that can be renewed: {@code onUnauthorized} runs (on the client's thread) after every 401. */
    public SchedulerClientConfig withAuthorization(Supplier<Optional<String>> header, Runnable onUnauthorized) {
        return new SchedulerClientConfig(
                master,
                frameworkInfo,
                frameworkId,
                header,
                onUnauthorized,
                backoffInitial,
                backoffMax,
                callTimeout,
                missedHeartbeats);
    }
}

package org.cassandramesos.scheduler.frameworkauth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.mesos.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DC/OS service account logged in: holds the current authentication token and logs in again before it expires
 * (at 80% of its lifetime), at once when the master answers 401, and with backoff while the IAM refuses or cannot be
 * reached (the last token stays in use meanwhile). {@link #start()} logs in once before the scheduler subscribes;
 * {@link #stop()} ends the renewals. Tokens are never logged.
 */
public final class ServiceAccountSession implements FrameworkAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountSession.class);

    /** @param retryInitial first wait after a failed login; @param retryMax the longest */
    public record Timing(Duration retryInitial, Duration retryMax) {
        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
    }

    private final ServiceAccountCredential credential;
    private final ServiceLogin login;
    private final Clock clock;
    private final Backoff retry;
    private volatile AcsToken current;
    private ScheduledExecutorService renewer;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private boolean failing;

    public ServiceAccountSession(ServiceAccountCredential credential, ServiceLogin login, Clock clock, Timing timing) {
        this.credential = credential;
        this.login = login;
        this.clock = clock;
        this.retry = new Backoff(timing.retryInitial(), timing.retryMax());
    }

    @Override
    public Optional<String> authorization() {
        AcsToken token = current;
        return token == null ? Optional.empty() : Optional.of(token.header());
    }

    @Override
    public void start() {
        synchronized (this) {
            if (renewer != null) {
                return;
            }
            renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dcos-service-login");
                t.setDaemon(true);
                return t;
            });
        }
        renew(); // first login now, so that the first SUBSCRIBE carries a token
    }

    @Override
    public synchronized void stop() {
        if (renewer != null) {
            renewer.shutdownNow();
            renewer = null;
            next = null;
        }
    }

    /** 401 from the master: the token may have been revoked or expired early; log in now unless already failing. */
    @Override
    public synchronized void refused() {
        if (!failing) {
            LOG.info("the master refused the authentication token of '{}': logging in again", credential.uid());
            schedule(Duration.ZERO);
        }
    }

    /** The token in use, for tests. */
    Optional<AcsToken> token() {
        return Optional.ofNullable(current);
    }

    private void renew() {
        synchronized (this) {
            next = null;
            nextAt = null;
        }
        Instant now = clock.instant();
        try {
            AcsToken token = login.login(credential, now);
            current = token;
            // counted from the answer, not from the request: a slow login must not push the renewal past the expiry
            Duration wait = token.renewAfter(clock.instant());
            synchronized (this) {
                failing = false;
                retry.reset();
                schedule(wait);
            }
            LOG.info(
                    "logged in to the DC/OS IAM as '{}': token expires {}; next login in {} s",
                    credential.uid(),
                    token.expiresAt().map(Instant::toString).orElse("(not stated)"),
                    wait.toSeconds());
        } catch (IOException | RuntimeException e) {
            Duration wait;
            synchronized (this) {
                failing = true;
                wait = retry.next();
                schedule(wait);
            }
            LOG.warn(
                    "service login of '{}' failed ({}); trying again in {} ms{}",
                    credential.uid(),
                    e.getMessage(),
                    wait.toMillis(),
                    current == null ? "" : " (the last token stays in use)");
        }
    }

    /** Keeps the sooner of the planned renewal and one {@code delay} from now. */
    private void schedule(Duration delay) {
        if (renewer == null) {
            return; // stopped
        }
        Instant at = clock.instant().plus(delay);
        if (next != null && nextAt != null && !nextAt.isAfter(at)) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        nextAt = at;
        next = renewer.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "ServiceAccountSession[" + credential + "]";
    }
}

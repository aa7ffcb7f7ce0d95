package org.cassandramesos.localmode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps the scheduler process running as Marathon keeps the scheduler app running ({@link MarathonAppPolicy}): when it
 * exits, or fails its health check too many times in a row (it is then killed), it is started again after a growing
 * backoff, reset once a started process has passed a health check. The Cassandra nodes are the agents' children, not
 * the scheduler's, so they run on; the restarted scheduler re-subscribes with its framework id and reconciles.
 * Driven by {@link #tick()} from one thread ({@link LocalCluster}'s), which it asks through {@link Wakeup} to tick at
 * once when the process exits and again when a relaunch is due (Marathon hears of a task's end from its status update,
 * not at its next look); its pid and log may be read from any.
 */
final class SchedulerSupervisor implements AutoCloseable {
    interface Launcher {
        ChildProcess start() throws IOException;
    }

    interface HealthCheck {
        boolean healthy();
    }

    /** Asks the supervising thread for a {@link #tick()} after {@code delay}, besides its regular ones. */
    interface Wakeup {
        void tickIn(Duration delay);
    }

    private final Launcher launcher;
    private final HealthCheck health;
    private final MarathonAppPolicy policy;
    private final Consumer<String> events;
    private final Clock clock;
    private final Wakeup wakeup;

    private ChildProcess process;
    private Path lastLog;
    private Instant startedAt;
    private Instant lastCheck;
    private int failedChecks;
    private boolean passedOnce;
    private int relaunches;
    private Instant relaunchAt;
    private boolean closed;

    SchedulerSupervisor(
            Launcher launcher,
            HealthCheck health,
            MarathonAppPolicy policy,
            Consumer<String> events,
            Clock clock,
            Wakeup wakeup)
            throws IOException {
        this.launcher = launcher;
        this.health = health;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
        this.wakeup = wakeup;
        start();
    }

    /** A health check as Marathon's MESOS_HTTP one: GET {@code url}, healthy on 2xx/3xx within the timeout. */
    static HealthCheck http(URI url, MarathonAppPolicy policy) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(policy.timeout()).build();
        return () -> {
            try {
                HttpResponse<Void> answer = client.send(
                        HttpRequest.newBuilder(url)
                                .timeout(policy.timeout())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return answer.statusCode() >= 200 && answer.statusCode() < 400;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** One look: relaunch when due, notice an exit, run the health check when it is due. */
    synchronized void tick() throws IOException {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        if (process == null) {
            if (!now.isBefore(relaunchAt)) {
                start();
                events.accept("The scheduler was started again (pid " + process.pid()
                        + "); the Cassandra nodes kept running.");
            }
            return;
        }
        if (!process.isAlive()) {
            scheduleRelaunch(now, "The scheduler exited (code " + process.exitCode() + "; see " + process.log() + ")");
            return;
        }
        if (lastCheck != null && now.isBefore(lastCheck.plus(policy.interval()))) {
            return;
        }
        lastCheck = now;
        if (health.healthy()) {
            passedOnce = true;
            failedChecks = 0;
            relaunches = 0;
            return;
        }
        // as Marathon: failures count only after the grace period or once the process was healthy
        if (!passedOnce && now.isBefore(startedAt.plus(policy.grace()))) {
            return;
        }
        failedChecks++;
        if (failedChecks >= policy.maxFailures()) {
            process.close();
            scheduleRelaunch(
                    now, "The scheduler failed its health check " + failedChecks + " times in a row and was killed");
        }
    }

    /**
     * Replaces the running scheduler process with a new one at once, as a Marathon deployment of a changed app replaces
     * its task (the new process starts with the environment in force now); the Cassandra nodes keep running.
     */
    synchronized void restart(String why) throws IOException {
        if (closed) {
            return;
        }
        if (process != null) {
            process.close();
        }
        relaunches = 0;
        start();
        events.accept(why + ": the scheduler was started again (pid " + process.pid() + ").");
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized Path log() {
        return process == null ? lastLog : process.log();
    }

    private void start() throws IOException {
        process = launcher.start();
        process.onExit().thenRun(() -> wakeup.tickIn(Duration.ZERO));
        lastLog = process.log();
        startedAt = clock.instant();
        lastCheck = null;
        failedChecks = 0;
        passedOnce = false;
    }

    private void scheduleRelaunch(Instant now, String why) {
        var delay = policy.delayAfter(relaunches);
        relaunches++;
        relaunchAt = now.plus(delay);
        process = null;
        wakeup.tickIn(delay);
        events.accept(why + "; starting it again in " + Math.max(1, delay.toSeconds()) + " s, as Marathon would.");
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            process.close();
        }
    }
}

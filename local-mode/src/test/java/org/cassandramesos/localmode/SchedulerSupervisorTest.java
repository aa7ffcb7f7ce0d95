package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor relaunches real processes by Marathon's rules, on a clock the test moves. */
class SchedulerSupervisorTest {
    @TempDir
    Path dir;

    final MovableClock clock = new MovableClock();
    final List<String> events = new ArrayList<>();
    final List<ChildProcess> started = new ArrayList<>();
    final AtomicBoolean healthy = new AtomicBoolean(false);
    final BlockingQueue<Duration> wakeups = new LinkedBlockingQueue<>();
    SchedulerSupervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        started.forEach(ChildProcess::close);
    }

    @Test
    void aProcessThatExitsIsStartedAgainAfterABackoffThatGrows() throws Exception {
        supervisor = supervise("exit 3");
        awaitExit(started.get(0));

        supervisor.tick();
        assertThat(events).last().asString().contains("exited (code 3", "again in 1 s");
        supervisor.tick();
        assertThat(started).as("not before the backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();
        assertThat(started).hasSize(2);
        awaitExit(started.get(1));
        supervisor.tick();
        clock.advance(Duration.ofMillis(1149));
        supervisor.tick();
        assertThat(started).as("the second delay is 1.15 s").hasSize(2);
        clock.advance(Duration.ofMillis(1));
        supervisor.tick();
        assertThat(started).hasSize(3);
    }

    @Test
    void anExitAsksForALookAtOnceAndTheRelaunchForALookWhenItIsDue() throws Exception {
        supervisor = supervise("exit 3");
        assertThat(wakeups.poll(10, TimeUnit.SECONDS))
                .as("asked when the process exited")
                .isEqualTo(Duration.ZERO);

        supervisor.tick();
        assertThat(wakeups.poll())
                .as("asked for the relaunch, not left to a later tick")
                .isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();
        assertThat(started).hasSize(2);
        assertThat(wakeups.poll(10, TimeUnit.SECONDS))
                .as("the new process is watched too")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void failedHealthChecksCountOnlyAfterTheGracePeriodAndThreeInARowKillTheProcess() throws Exception {
        supervisor = supervise("sleep 120");
        ChildProcess first = started.get(0);
        for (int i = 0; i < 4; i++) { // 120 s of grace at 30 s intervals: failures do not count
            supervisor.tick();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(first.isAlive()).isTrue();
        supervisor.tick();
        clock.advance(Duration.ofSeconds(30));
        supervisor.tick();
        assertThat(first.isAlive()).as("two failures after the grace").isTrue();
        clock.advance(Duration.ofSeconds(30));
        supervisor.tick();
        assertThat(first.isAlive()).as("the third in a row kills it").isFalse();
        assertThat(events).last().asString().contains("health check 3 times");
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();
        assertThat(started).hasSize(2);
        assertThat(started.get(1).isAlive()).isTrue();
    }

    @Test
    void aPassedCheckEndsTheGraceAndResetsTheBackoff() throws Exception {
        supervisor = supervise("sleep 120");
        healthy.set(true);
        supervisor.tick();
        healthy.set(false);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(30));
            supervisor.tick();
        }
        assertThat(started.get(0).isAlive())
                .as("healthy once: the grace is over")
                .isFalse();
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();
        healthy.set(true);
        supervisor.tick();
        started.get(1).close();
        supervisor.tick();
        assertThat(events).last().asString().contains("again in 1 s");
    }

    @Test
    void thePolicyIsTheOneTheMarathonAppAsksFor() throws Exception {
        JsonNode app =
                new ObjectMapper().readTree(Path.of("..", "marathon.json").toFile());
        JsonNode check = app.path("healthChecks").get(0);
        MarathonAppPolicy policy = MarathonAppPolicy.SCHEDULER;
        assertThat(check.path("path").asText()).isEqualTo("/healthcheck");
        assertThat(policy.grace())
                .isEqualTo(Duration.ofSeconds(check.path("gracePeriodSeconds").asLong()));
        assertThat(policy.interval())
                .isEqualTo(Duration.ofSeconds(check.path("intervalSeconds").asLong()));
        assertThat(policy.timeout())
                .isEqualTo(Duration.ofSeconds(check.path("timeoutSeconds").asLong()));
        assertThat(policy.maxFailures())
                .isEqualTo(check.path("maxConsecutiveFailures").asInt());
        assertThat(policy.backoff())
                .isEqualTo(Duration.ofSeconds(app.path("backoffSeconds").asLong()));
        assertThat(policy.backoffFactor()).isEqualTo(app.path("backoffFactor").asDouble());
        assertThat(policy.maxBackoff())
                .isEqualTo(Duration.ofSeconds(app.path("maxLaunchDelaySeconds").asLong()));
        assertThat(policy.delayAfter(100)).isEqualTo(policy.maxBackoff());
    }

    private SchedulerSupervisor supervise(String script) throws Exception {
        return new SchedulerSupervisor(
                () -> {
                    Path log = Files.createTempFile(dir, "scheduler", ".log");
                    ChildProcess process = ChildProcess.start(
                            "scheduler", List.of("sh", "-c", script), Map.of(), dir, log, Duration.ofSeconds(5));
                    started.add(process);
                    return process;
                },
                healthy::get,
                MarathonAppPolicy.SCHEDULER,
                events::add,
                clock,
                wakeups::add);
    }

    private static void awaitExit(ChildProcess process) throws InterruptedException {
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(process.isAlive()).isFalse();
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

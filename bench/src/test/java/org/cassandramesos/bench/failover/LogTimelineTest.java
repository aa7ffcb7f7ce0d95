package org.cassandramesos.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cassandramesos.bench.failover.LogTimeline.Phase;
import org.junit.jupiter.api.Test;

class LogTimelineTest {
    private static final long KILL = Instant.parse("2026-12-07T13:30:50.000Z").toEpochMilli();

    @Test
    void eachPhaseIsTheFirstMatchingLineInMillisecondsFromTheKillAndLinesWithoutATimeAreSkipped() {
        List<String> log = List.of(
                "INFO  [2026-12-07 13:30:53,885] io.dropwizard.server.DefaultServerFactory: Registering jersey handler",
                "INFO  [2026-12-07 13:30:54,353] org.cassandramesos.scheduler.SchedulerApplication: ZooKeeper session timeout: 10000 ms granted (10 s asked, ZOOKEEPER_SESSION_TIMEOUT_S); …",
                "127.0.0.1 - - [07/Dec/2026:13:30:54 +0000] \"GET /healthcheck HTTP/1.1\" 200 308",
                "INFO  [2026-12-07 13:30:54,497] org.cassandramesos.scheduler.leader.LeaderElection: this scheduler instance (1@vm) is the leader now",
                "INFO  [2026-12-07 13:30:55,000] org.cassandramesos.scheduler.SchedulerApplication: LEADING: state read and the Mesos side wired in 500 ms; subscribing",
                "INFO  [2026-12-07 13:30:56,394] org.cassandramesos.mesos.scheduler.SchedulerClient: subscribed to http://127.0.0.1:1/api/v1/scheduler as framework f-0000 (stream s)",
                "INFO  [2026-12-07 13:30:56,778] org.cassandramesos.scheduler.mesos.CassandraScheduler: RECONCILED: all 3 task(s) answered 384 ms after subscribing (1 explicit round(s)); acting on offers now",
                "INFO  [2026-12-07 13:31:56,778] org.cassandramesos.scheduler.mesos.CassandraScheduler: RECONCILED: all 3 task(s) answered later");

        assertThat(LogTimeline.of(log, KILL))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry(Phase.FIRST_LOG_LINE, 3885L),
                        org.assertj.core.api.Assertions.entry(Phase.ZOOKEEPER, 4353L),
                        org.assertj.core.api.Assertions.entry(Phase.ELECTED, 4497L),
                        org.assertj.core.api.Assertions.entry(Phase.WIRED, 5000L),
                        org.assertj.core.api.Assertions.entry(Phase.SUBSCRIBED, 6394L),
                        org.assertj.core.api.Assertions.entry(Phase.RECONCILED, 6778L));
    }

    @Test
    void aStandbysStartBeforeTheKillIsLeftOut() {
        List<String> log = List.of(
                "INFO  [2026-12-07 13:30:40,000] io.dropwizard: starting",
                "INFO  [2026-12-07 13:30:41,000] org.cassandramesos.scheduler.SchedulerApplication: ZooKeeper session timeout: 10000 ms granted",
                "INFO  [2026-12-07 13:30:59,490] org.cassandramesos.scheduler.leader.LeaderElection: this scheduler instance (2@vm) is the leader now");

        assertThat(LogTimeline.of(log, KILL)).containsOnlyKeys(Phase.ELECTED).containsEntry(Phase.ELECTED, 9490L);
    }
}

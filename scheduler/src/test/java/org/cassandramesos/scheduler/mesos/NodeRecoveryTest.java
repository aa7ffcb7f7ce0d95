package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.junit.jupiter.api.Test;

class NodeRecoveryTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final NodeRecovery recovery = new NodeRecovery(Duration.ofMinutes(10));

    private static NodeRecord firstLaunch() {
        return new NodeRecord(
                "node-0",
                new AgentFacts("AG1", "h1", "10.0.0.1", Map.of()),
                "rack1",
                new NodeReservation("res-1", "vol-1", Map.of()),
                Optional.empty(),
                false,
                false);
    }

    private static TaskStatus status(TaskState state, TaskStatus.Source source) {
        return TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue("node-0__1"))
                .setState(state)
                .setSource(source)
                .build();
    }

    @Test
    void anAgentOrExecutorReportConfirmsTheReservation() {
        NodeRecord next = recovery.onStatus(
                firstLaunch(), status(TaskState.TASK_FAILED, TaskStatus.Source.SOURCE_AGENT), false, NOW);

        assertThat(next.launchConfirmed()).isTrue();
        assertThat(next.hasReservation()).isTrue();
    }

    @Test
    void aFirstLaunchTheMasterDroppedIsPlacedAfreshNextTime() {
        NodeRecord next = recovery.onStatus(
                firstLaunch(), status(TaskState.TASK_DROPPED, TaskStatus.Source.SOURCE_MASTER), false, NOW);

        assertThat(next.reservation()).isNull();
        assertThat(next.hasReservation()).isFalse();
    }

    @Test
    void goneAfterTheTaskWasSeenMeansReplaceElsewhere() {
        NodeRecord running = firstLaunch().confirmLaunch();

        NodeRecord next = recovery.onStatus(
                running, status(TaskState.TASK_GONE_BY_OPERATOR, TaskStatus.Source.SOURCE_MASTER), true, NOW);

        assertThat(next.permanentlyFailed()).isTrue();
        assertThat(next.replaceAddress()).contains("10.0.0.1");
    }

    @Test
    void goneForATaskNeverHeardOfIsALaunchThatNeverHappened() {
        NodeRecord next = recovery.onStatus(
                firstLaunch().confirmLaunch(),
                status(TaskState.TASK_GONE, TaskStatus.Source.SOURCE_MASTER),
                false,
                NOW);

        assertThat(next.permanentlyFailed()).isFalse();
        assertThat(next.hasReservation()).isTrue();
    }

    @Test
    void aHealthyAgentsTaskGoneIsRelaunchedInPlaceNotReplaced() {
        NodeRecord next = recovery.onStatus(
                firstLaunch().confirmLaunch(), status(TaskState.TASK_GONE, TaskStatus.Source.SOURCE_MASTER), true, NOW);

        assertThat(next.permanentlyFailed()).isFalse();
        assertThat(next.hasReservation()).isTrue();
        assertThat(next.replaceAddress()).isEmpty();
    }

    @Test
    void anAgentRemovedBeforeTheFirstLaunchWasConfirmedIsPlacedAfreshWithoutAReplaceAddress() {
        NodeRecord next = recovery.onStatus(
                firstLaunch(), status(TaskState.TASK_GONE_BY_OPERATOR, TaskStatus.Source.SOURCE_MASTER), false, NOW);

        assertThat(next.permanentlyFailed()).isFalse();
        assertThat(next.reservation()).isNull();
    }

    @Test
    void aSeedIsNeverReplacedForBeingUnreachableOnlyNonSeedsAre() {
        NodeRecovery withSeed = new NodeRecovery(Duration.ofMinutes(10), node -> node.equals("node-0"));
        TaskStatus unreachable = status(TaskState.TASK_UNREACHABLE, TaskStatus.Source.SOURCE_MASTER);
        NodeRecord seed = firstLaunch().confirmLaunch();
        NodeRecord other =
                new NodeRecord("node-1", seed.agent(), "rack1", seed.reservation(), Optional.empty(), false, true);

        withSeed.onStatus(seed, unreachable, true, NOW);
        withSeed.onStatus(
                other,
                unreachable.toBuilder()
                        .setTaskId(TaskID.newBuilder().setValue("node-1__1"))
                        .build(),
                true,
                NOW);

        assertThat(withSeed.expired(NOW.plus(Duration.ofHours(2)))).containsExactly("node-1");
        assertThat(withSeed.expired(NOW.plus(Duration.ofHours(3)))).isEmpty();
    }

    @Test
    void anUnreachableAgentIsWaitedForUntilTheGracePeriodEnds() {
        TaskStatus unreachable = status(TaskState.TASK_UNREACHABLE, TaskStatus.Source.SOURCE_MASTER).toBuilder()
                .setUnreachableTime(TimeInfo.newBuilder()
                        .setNanoseconds(NOW.minusSeconds(60).toEpochMilli() * 1_000_000))
                .build();
        recovery.onStatus(firstLaunch().confirmLaunch(), unreachable, true, NOW);

        assertThat(recovery.expired(NOW.plus(Duration.ofMinutes(8)))).isEmpty();
        assertThat(recovery.expired(NOW.plus(Duration.ofMinutes(9)))).containsExactly("node-0");
        assertThat(recovery.expired(NOW.plus(Duration.ofMinutes(20))))
                .as("reported once")
                .isEmpty();
    }

    @Test
    void lateNewsOfAReplacedNodesOldTaskStartsNoNewGracePeriod() {
        NodeRecord replaced = firstLaunch().confirmLaunch().markPermanentlyFailed();

        recovery.onStatus(replaced, status(TaskState.TASK_UNREACHABLE, TaskStatus.Source.SOURCE_MASTER), true, NOW);

        assertThat(recovery.expired(NOW.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void theAgentComingBackCancelsTheTimer() {
        recovery.onStatus(
                firstLaunch().confirmLaunch(),
                status(TaskState.TASK_UNREACHABLE, TaskStatus.Source.SOURCE_MASTER),
                true,
                NOW);
        recovery.onStatus(
                firstLaunch().confirmLaunch(),
                status(TaskState.TASK_RUNNING, TaskStatus.Source.SOURCE_MASTER),
                true,
                NOW.plusSeconds(5));

        assertThat(recovery.expired(NOW.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void aReadyReplacementStopsCarryingTheReplaceAddress() {
        NodeRecord replacement = new NodeRecord(
                "node-0",
                new AgentFacts("AG2", "h2", "10.0.0.2", Map.of()),
                "rack1",
                new NodeReservation("res-2", "vol-2", Map.of()),
                Optional.of("10.0.0.1"),
                false,
                false);
        TaskStatus ready = status(TaskState.TASK_RUNNING, TaskStatus.Source.SOURCE_EXECUTOR).toBuilder()
                .setLabels(NodeReadiness.readyLabels())
                .build();

        NodeRecord next = recovery.onStatus(replacement, ready, true, NOW);

        assertThat(next.replaceAddress()).isEmpty();
        assertThat(next.launchConfirmed()).isTrue();
    }
}

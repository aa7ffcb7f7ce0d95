package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Which statuses of a node's current task mean its place is lost, unreachable, or still there. */
class NodeFateTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** Reasons a Mesos 1.11 master or agent attaches to the states that matter here. */
    private static final Set<TaskStatus.Reason> REASONS = EnumSet.of(
            TaskStatus.Reason.REASON_RECONCILIATION,
            TaskStatus.Reason.REASON_AGENT_REMOVED,
            TaskStatus.Reason.REASON_AGENT_REREGISTERED,
            TaskStatus.Reason.REASON_AGENT_UNKNOWN,
            TaskStatus.Reason.REASON_AGENT_RESTARTED,
            TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
            TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
            TaskStatus.Reason.REASON_INVALID_OFFERS,
            TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);

    private static TaskStatus status(TaskState state, TaskStatus.Reason reason) {
        TaskStatus.Builder b = TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue("node-1__1"))
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER);
        if (reason != null) {
            b.setReason(reason);
        }
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({
        // state, reason, fate
        "TASK_GONE_BY_OPERATOR, REASON_AGENT_REMOVED_BY_OPERATOR, Lost", // agent marked gone / machine down
        "TASK_GONE_BY_OPERATOR, REASON_RECONCILIATION, Lost", // reconciliation case (5): agent gone
        "TASK_LOST, REASON_AGENT_REMOVED_BY_OPERATOR, Lost", // the same for a framework without PARTITION_AWARE
        "TASK_UNREACHABLE, REASON_AGENT_REMOVED, AgentUnreachable", // ping timeouts: markUnreachable
        "TASK_UNREACHABLE, REASON_RECONCILIATION, AgentUnreachable", // reconciliation case (4), or a KILL's answer
        "TASK_RUNNING, REASON_AGENT_REREGISTERED, InPlace", // healed partition
        "TASK_FAILED, REASON_AGENT_REREGISTERED, InPlace", // it died behind the partition: relaunch there
        "TASK_GONE, REASON_RECONCILIATION, InPlace", // case (3): healthy agent, task unknown to it
        "TASK_UNKNOWN, REASON_RECONCILIATION, InPlace", // case (6): not final; relaunch is tried in place
        "TASK_LOST, REASON_AGENT_REMOVED, InPlace", // never sent to a PARTITION_AWARE framework
        "TASK_FAILED, REASON_EXECUTOR_TERMINATED, InPlace",
        "TASK_KILLED, REASON_TASK_KILLED_DURING_LAUNCH, InPlace",
        "TASK_DROPPED, REASON_INVALID_OFFERS, InPlace",
    })
    void statusAndReasonDecideTheFate(TaskState state, TaskStatus.Reason reason, String fate) {
        assertThat(NodeFate.of(status(state, reason), NOW).getClass().getSimpleName())
                .isEqualTo(fate);
    }

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void onlyOperatorRemovalIsFinalAndOnlyUnreachableWaitsForEveryReason(TaskState state) {
        for (TaskStatus.Reason reason : REASONS) {
            NodeFate fate = NodeFate.of(status(state, reason), NOW);
            if (state == TaskState.TASK_GONE_BY_OPERATOR) {
                assertThat(fate).as(state + " " + reason).isInstanceOf(NodeFate.Lost.class);
            } else if (state == TaskState.TASK_UNREACHABLE) {
                assertThat(fate).as(state + " " + reason).isInstanceOf(NodeFate.AgentUnreachable.class);
            } else {
                assertThat(fate).as(state + " " + reason).isInstanceOf(NodeFate.InPlace.class);
            }
        }
        assertThat(NodeFate.of(status(state, TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR), NOW))
                .isInstanceOf(NodeFate.Lost.class);
    }

    @Test
    void unreachableCountsFromTheMastersUnreachableTimeNeverFromTheFuture() {
        Instant marked = NOW.minusSeconds(90);
        TaskStatus unreachable = status(TaskState.TASK_UNREACHABLE, TaskStatus.Reason.REASON_RECONCILIATION).toBuilder()
                .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(marked.toEpochMilli() * 1_000_000L))
                .build();
        TaskStatus future = unreachable.toBuilder()
                .setUnreachableTime(
                        TimeInfo.newBuilder().setNanoseconds(NOW.plusSeconds(60).toEpochMilli() * 1_000_000L))
                .build();

        assertThat(NodeFate.of(unreachable, NOW)).isEqualTo(new NodeFate.AgentUnreachable(marked));
        assertThat(NodeFate.of(future, NOW)).isEqualTo(new NodeFate.AgentUnreachable(NOW));
        assertThat(NodeFate.of(status(TaskState.TASK_UNREACHABLE, TaskStatus.Reason.REASON_AGENT_REMOVED), NOW))
                .as("no time given: from now")
                .isEqualTo(new NodeFate.AgentUnreachable(NOW));
    }

    @Test
    void pastTheGraceANonSeedIsReplacedAndASeedIsLeftToTheOperator() {
        Duration grace = Duration.ofMinutes(10);
        Instant since = NOW.minus(grace);

        assertThat(NodeFate.afterGrace(false, since.plusSeconds(1), grace, NOW)).isEqualTo(NodeFate.AfterGrace.WAIT);
        assertThat(NodeFate.afterGrace(true, since.plusSeconds(1), grace, NOW)).isEqualTo(NodeFate.AfterGrace.WAIT);
        assertThat(NodeFate.afterGrace(false, since, grace, NOW)).isEqualTo(NodeFate.AfterGrace.REPLACE);
        assertThat(NodeFate.afterGrace(true, since, grace, NOW)).isEqualTo(NodeFate.AfterGrace.OPERATOR_DECIDES);
    }
}

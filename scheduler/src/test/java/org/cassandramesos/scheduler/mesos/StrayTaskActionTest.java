package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tasks that are no node's current task end, but never through a loop of kills. */
class StrayTaskActionTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final StrayTaskAction.Backoff BACKOFF =
            new StrayTaskAction.Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60));

    private static TaskStatus status(TaskState state, TaskStatus.Reason reason) {
        return TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue("node-1__1"))
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(reason)
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {
                "TASK_FINISHED",
                "TASK_FAILED",
                "TASK_KILLED",
                "TASK_ERROR",
                "TASK_DROPPED",
                "TASK_GONE",
                "TASK_GONE_BY_OPERATOR",
                "TASK_LOST",
                "TASK_UNKNOWN"
            })
    void anEndedTaskIsForgottenNotKilled(TaskState state) {
        assertThat(StrayTaskAction.decide(
                        status(state, TaskStatus.Reason.REASON_RECONCILIATION), Optional.empty(), BACKOFF, NOW))
                .isInstanceOf(StrayTaskAction.Forget.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING"})
    void aLiveTaskIsKilledAtOnce(TaskState state) {
        StrayTaskAction action = StrayTaskAction.decide(
                status(state, TaskStatus.Reason.REASON_RECONCILIATION), Optional.empty(), BACKOFF, NOW);

        assertThat(action).isEqualTo(new StrayTaskAction.Kill(new StrayTaskAction.KillsSent(1, NOW.plusSeconds(5))));
    }

    @Test
    void aTaskOnAnUnreachableAgentIsNotKilledHoweverOftenTheMasterAnswers() {
        Optional<StrayTaskAction.KillsSent> sent =
                Optional.of(new StrayTaskAction.KillsSent(1, NOW.minusSeconds(3600)));
        for (TaskStatus.Reason reason :
                new TaskStatus.Reason[] {TaskStatus.Reason.REASON_RECONCILIATION, TaskStatus.Reason.REASON_AGENT_REMOVED
                }) {
            assertThat(StrayTaskAction.decide(
                            status(TaskState.TASK_UNREACHABLE, reason), Optional.empty(), BACKOFF, NOW))
                    .isInstanceOf(StrayTaskAction.Wait.class);
            assertThat(StrayTaskAction.decide(status(TaskState.TASK_UNREACHABLE, reason), sent, BACKOFF, NOW))
                    .isInstanceOf(StrayTaskAction.Wait.class);
        }
    }

    @Test
    void aTaskBackFromAPartitionIsKilledOnceItsAgentReRegistered() {
        assertThat(StrayTaskAction.decide(
                        status(TaskState.TASK_RUNNING, TaskStatus.Reason.REASON_AGENT_REREGISTERED),
                        Optional.empty(),
                        BACKOFF,
                        NOW))
                .isInstanceOf(StrayTaskAction.Kill.class);
    }

    @Test
    void repeatedKillsOfTheSameLiveTaskAreSpacedByADoublingBackoffUpToItsCap() {
        TaskStatus running = status(TaskState.TASK_RUNNING, TaskStatus.Reason.REASON_RECONCILIATION);
        StrayTaskAction.KillsSent first = new StrayTaskAction.KillsSent(1, NOW.plusSeconds(5));

        assertThat(StrayTaskAction.decide(running, Optional.of(first), BACKOFF, NOW.plusSeconds(4)))
                .isInstanceOf(StrayTaskAction.Wait.class);
        StrayTaskAction second = StrayTaskAction.decide(running, Optional.of(first), BACKOFF, NOW.plusSeconds(5));
        assertThat(second).isEqualTo(new StrayTaskAction.Kill(new StrayTaskAction.KillsSent(2, NOW.plusSeconds(15))));

        assertThat(BACKOFF.after(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(BACKOFF.after(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(BACKOFF.after(1000)).isEqualTo(Duration.ofSeconds(60));
    }
}

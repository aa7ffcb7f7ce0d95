package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TaskID A = TaskID.newBuilder().setValue("node-0__a").build();
    private static final TaskID B = TaskID.newBuilder().setValue("node-1__b").build();
    private static final AgentID AGENT = AgentID.newBuilder().setValue("S1").build();

    private final Reconciler reconciler =
            new Reconciler(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(15));

    private static TaskStatus status(TaskID id) {
        return TaskStatus.newBuilder()
                .setTaskId(id)
                .setState(TaskState.TASK_RUNNING)
                .build();
    }

    @Test
    void asksExplicitlyForKnownTasksThenImplicitlyOnceAllAnswered() {
        reconciler.start(Map.of(A, AGENT, B, AGENT));
        Call first = reconciler.poll(T0).orElseThrow();
        assertThat(first.getReconcile().getTasksList())
                .extracting(t -> t.getTaskId().getValue())
                .containsExactlyInAnyOrder("node-0__a", "node-1__b");
        assertThat(reconciler.isReconciled()).isFalse();

        reconciler.update(status(A));
        reconciler.update(status(B));
        Call implicit = reconciler.poll(T0.plusMillis(10)).orElseThrow();
        assertThat(implicit.getReconcile().getTasksList()).isEmpty();
        assertThat(reconciler.isReconciled()).isTrue();
    }

    @Test
    void reasksOnlyUnansweredTasksWithTruncatedExponentialBackoff() {
        reconciler.start(Map.of(A, AGENT, B, AGENT));
        reconciler.poll(T0).orElseThrow();
        reconciler.update(status(A));

        assertThat(reconciler.poll(T0.plusMillis(999))).isEmpty();
        Call second = reconciler.poll(T0.plusSeconds(1)).orElseThrow();
        assertThat(second.getReconcile().getTasksList())
                .extracting(t -> t.getTaskId().getValue())
                .containsExactly("node-1__b");
        // backoff doubles: 2 s, then 4 s, then stays at the 4 s cap
        assertThat(reconciler.poll(T0.plusSeconds(2))).isEmpty();
        assertThat(reconciler.poll(T0.plusSeconds(3))).isPresent();
        assertThat(reconciler.poll(T0.plusSeconds(6))).isEmpty();
        assertThat(reconciler.poll(T0.plusSeconds(7))).isPresent();
        assertThat(reconciler.poll(T0.plusSeconds(11))).isPresent();
        assertThat(reconciler.rounds()).isEqualTo(5);
        assertThat(reconciler.isReconciled()).isFalse();
    }

    @Test
    void withNoKnownTasksOnlyTheImplicitRoundIsNeededAndItRepeatsPeriodically() {
        reconciler.start(Map.of());
        assertThat(reconciler.poll(T0))
                .hasValueSatisfying(
                        c -> assertThat(c.getReconcile().getTasksCount()).isZero());
        assertThat(reconciler.isReconciled()).isTrue();
        assertThat(reconciler.poll(T0.plus(Duration.ofMinutes(14)))).isEmpty();
        assertThat(reconciler.poll(T0.plus(Duration.ofMinutes(15)))).isPresent();
    }

    @Test
    void aNewSubscriptionStartsOver() {
        reconciler.start(Map.of());
        reconciler.poll(T0);
        reconciler.start(Map.of(A, AGENT));
        assertThat(reconciler.isReconciled()).isFalse();
        assertThat(reconciler.poll(T0))
                .map(c -> c.getReconcile().getTasksCount())
                .isEqualTo(Optional.of(1));
    }
}

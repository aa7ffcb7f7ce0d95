package org.cassandramesos.local.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    static final AgentID REGISTERED =
            AgentID.newBuilder().setValue("registered").build();

    static Reconciliation.AgentStatus status(AgentID id) {
        return switch (id.getValue()) {
            case "registered" -> Reconciliation.AgentStatus.REGISTERED;
            case "unreachable" -> Reconciliation.AgentStatus.UNREACHABLE;
            case "recovering" -> Reconciliation.AgentStatus.RECOVERING;
            default -> Reconciliation.AgentStatus.UNKNOWN;
        };
    }

    static Call.Reconcile.Task ask(String task, String agent) {
        return Call.Reconcile.Task.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(task))
                .setAgentId(AgentID.newBuilder().setValue(agent))
                .build();
    }

    @Test
    void answersFollowMesosRules() {
        MasterTask running = new MasterTask(
                TaskInfo.newBuilder()
                        .setName("t")
                        .setTaskId(TaskID.newBuilder().setValue("known"))
                        .setAgentId(REGISTERED)
                        .build(),
                REGISTERED);
        running.state = TaskState.TASK_RUNNING;
        Map<String, MasterTask> tasks = new LinkedHashMap<>(Map.of("known", running));

        List<TaskStatus> answers = Reconciliation.answer(
                List.of(
                        ask("known", "registered"),
                        ask("gone", "registered"),
                        ask("cut-off", "unreachable"),
                        ask("waiting", "recovering"),
                        ask("lost", "nobody")),
                tasks,
                ReconciliationTest::status,
                id -> java.util.Optional.empty(),
                true);

        assertThat(answers)
                .extracting(s -> s.getTaskId().getValue() + "=" + s.getState())
                .containsExactly(
                        "known=TASK_RUNNING", "gone=TASK_GONE", "cut-off=TASK_UNREACHABLE", "lost=TASK_UNKNOWN");
        assertThat(answers).allSatisfy(s -> {
            assertThat(s.hasUuid()).isFalse();
            assertThat(s.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
            assertThat(s.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        });
        assertThat(Reconciliation.answer(
                        List.of(), tasks, ReconciliationTest::status, id -> java.util.Optional.empty(), true))
                .extracting(s -> s.getTaskId().getValue())
                .containsExactly("known");
        assertThat(Reconciliation.answer(
                        List.of(ask("gone", "registered")),
                        tasks,
                        ReconciliationTest::status,
                        id -> java.util.Optional.empty(),
                        false))
                .extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_LOST);
    }

    @Test
    void aTaskOnAnUnreachableAgentIsLeftOutOfImplicitAnswersAndExplicitlyUnreachableSinceTheRegistrysTime() {
        AgentID cut = AgentID.newBuilder().setValue("unreachable").build();
        MasterTask behindCut = new MasterTask(
                TaskInfo.newBuilder()
                        .setName("t")
                        .setTaskId(TaskID.newBuilder().setValue("cut"))
                        .setAgentId(cut)
                        .build(),
                cut);
        behindCut.state = TaskState.TASK_UNREACHABLE;
        Map<String, MasterTask> tasks = new LinkedHashMap<>(Map.of("cut", behindCut));
        java.time.Instant since = java.time.Instant.parse("2026-01-02T03:04:05.006Z");

        assertThat(Reconciliation.answer(
                        List.of(), tasks, ReconciliationTest::status, id -> java.util.Optional.of(since), true))
                .isEmpty();
        List<TaskStatus> explicit = Reconciliation.answer(
                List.of(ask("cut", "unreachable"), ask("away", "gone")),
                tasks,
                id -> id.getValue().equals("gone") ? Reconciliation.AgentStatus.GONE : status(id),
                id -> java.util.Optional.of(since),
                true);
        assertThat(explicit)
                .extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_UNREACHABLE, TaskState.TASK_GONE_BY_OPERATOR);
        assertThat(explicit.get(0).getUnreachableTime().getNanoseconds()).isEqualTo(since.toEpochMilli() * 1_000_000L);
        assertThat(explicit.get(1).hasUnreachableTime()).isFalse();
    }
}

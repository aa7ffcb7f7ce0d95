package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.protocol.NodeReadiness;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.TaskStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusHandlerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final AgentID AGENT = AgentID.newBuilder().setValue("AG1").build();

    private final ServiceConfig config = ServiceConfig.defaults("svc");
    private final MemoryPersister persister = new MemoryPersister();
    private final TaskStore tasks = new TaskStore(persister);
    private final DeployPlanManager plans = DeployPlanManager.load(new PlanStore(persister), config, List.of());
    private final StatusHandler handler = new StatusHandler(
            tasks, plans, new NodeRecovery(Duration.ofMinutes(10)), config.retry(), Duration.ofSeconds(30));
    private final List<Call> sent = new ArrayList<>();
    private final Mesos mesos = new Mesos() {
        @Override
        public void send(Call call) {
            sent.add(call);
        }

        @Override
        public FrameworkID frameworkId() {
            return FrameworkID.newBuilder().setValue("FW").build();
        }
    };

    @BeforeEach
    void launchNode0() {
        TaskInfo task = TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue("node-0__2"))
                .setAgentId(AGENT)
                .build();
        tasks.storeLaunch(
                task,
                new NodeRecord(
                        "node-0",
                        new AgentFacts("AG1", "h1", "10.0.0.1", Map.of()),
                        "rack1",
                        new NodeReservation("res-1", "vol-1", Map.of()),
                        Optional.empty(),
                        false,
                        false));
        plans.updateStepOf("node-0", step -> StepTransitions.launched(step, task.getTaskId()));
    }

    private static TaskStatus status(String taskId, TaskState state, boolean withUuid) {
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AGENT)
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR);
        if (withUuid) {
            status.setUuid(ByteString.copyFrom(new byte[16]));
        }
        return status.build();
    }

    private List<Call.Type> sentTypes() {
        return sent.stream().map(Call::getType).toList();
    }

    @Test
    void aReadyUpdateIsPersistedCompletesTheStepAndIsThenAcknowledged() {
        TaskStatus ready = status("node-0__2", TaskState.TASK_RUNNING, true).toBuilder()
                .setLabels(NodeReadiness.readyLabels())
                .build();

        handler.handle(mesos, ready, NOW);

        assertThat(tasks.taskStatus("node-0")).contains(ready);
        assertThat(plans.deploy().steps().findFirst().orElseThrow().status()).isEqualTo(Status.COMPLETE);
        assertThat(tasks.record("node-0").orElseThrow().launchConfirmed()).isTrue();
        assertThat(sentTypes()).containsExactly(Call.Type.ACKNOWLEDGE);
    }

    @Test
    void reconciliationAnswersCarryNoUuidAndAreNotAcknowledged() {
        handler.handle(mesos, status("node-0__2", TaskState.TASK_RUNNING, false), NOW);

        assertThat(sent).isEmpty();
        assertThat(plans.deploy().steps().findFirst().orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aReconciliationAnswerRepeatingTheStoredStateDoesNotOverwriteTheStoredStatus() {
        TaskStatus ready = status("node-0__2", TaskState.TASK_RUNNING, true).toBuilder()
                .setLabels(NodeReadiness.readyLabels())
                .build();
        handler.handle(mesos, ready, NOW);

        TaskStatus answer = status("node-0__2", TaskState.TASK_RUNNING, false).toBuilder()
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .build();
        handler.handle(mesos, answer, NOW.plusSeconds(1));

        assertThat(tasks.taskStatus("node-0"))
                .as("not overwritten: the ready status with its labels stays")
                .contains(ready);

        TaskStatus lost = answer.toBuilder().setState(TaskState.TASK_LOST).build();
        handler.handle(mesos, lost, NOW.plusSeconds(2));
        assertThat(tasks.taskStatus("node-0"))
                .as("an answer with another state is news")
                .contains(lost);
    }

    @Test
    void aLiveTaskWeDoNotKnowIsKilled() {
        handler.handle(mesos, status("stranger", TaskState.TASK_RUNNING, false), NOW);
        handler.handle(mesos, status("node-7__1", TaskState.TASK_RUNNING, false), NOW);

        assertThat(sentTypes()).containsExactly(Call.Type.KILL, Call.Type.KILL);
        assertThat(sent.get(0).getKill().getKillPolicy().getGracePeriod().getNanoseconds())
                .isEqualTo(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void anEarlierTaskOfANodeThatStillRunsIsKilledAndChangesNothing() {
        handler.handle(mesos, status("node-0__1", TaskState.TASK_RUNNING, true), NOW);

        assertThat(sentTypes()).containsExactly(Call.Type.KILL, Call.Type.ACKNOWLEDGE);
        assertThat(sent.get(0).getKill().getTaskId().getValue()).isEqualTo("node-0__1");
        assertThat(tasks.taskStatus("node-0")).isEmpty();
        assertThat(plans.deploy().steps().findFirst().orElseThrow().status()).isEqualTo(Status.STARTING);
    }

    @Test
    void theMastersAnswersAboutAnOldTaskOnAnUnreachableAgentNeverLoopIntoKills() {
        TaskStatus answer = status("node-0__1", TaskState.TASK_UNREACHABLE, false).toBuilder()
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .build();

        for (int i = 0; i < 100; i++) {
            handler.handle(mesos, answer, NOW.plusMillis(i));
        }

        assertThat(sent).isEmpty();

        // the agent re-registered: the old task is killed, once, and again only after the backoff
        TaskStatus back = answer.toBuilder()
                .setState(TaskState.TASK_RUNNING)
                .setReason(TaskStatus.Reason.REASON_AGENT_REREGISTERED)
                .build();
        handler.handle(mesos, back, NOW.plusSeconds(1));
        handler.handle(
                mesos,
                back.toBuilder()
                        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                        .build(),
                NOW.plusSeconds(2));
        assertThat(sentTypes()).containsExactly(Call.Type.KILL);
        handler.handle(
                mesos,
                back.toBuilder()
                        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                        .build(),
                NOW.plusSeconds(1).plus(StatusHandler.STRAY_KILL_BACKOFF.first()));
        assertThat(sentTypes()).containsExactly(Call.Type.KILL, Call.Type.KILL);
        assertThat(plans.deploy().steps().findFirst().orElseThrow().status()).isEqualTo(Status.STARTING);
    }

    @Test
    void aTerminalUpdateOfAnUnknownTaskIsOnlyAcknowledged() {
        handler.handle(mesos, status("stranger", TaskState.TASK_FINISHED, true), NOW);

        assertThat(sentTypes()).containsExactly(Call.Type.ACKNOWLEDGE);
    }

    @Test
    void aFailedAttemptIsRetriedLaterInPlace() {
        handler.handle(mesos, status("node-0__2", TaskState.TASK_FAILED, true), NOW);

        var step = plans.deploy().steps().findFirst().orElseThrow();
        assertThat(step.status()).isEqualTo(Status.PENDING);
        assertThat(step.retryAt()).isPresent();
        assertThat(tasks.record("node-0").orElseThrow().hasReservation()).isTrue();
    }
}

package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;
import static org.cassandramesos.local.support.Operations.testExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partition and heal, removal for good, and offer rescinds, as the Mesos 1.11 master reports them to a PARTITION_AWARE
 * framework (src/master/master.cpp: markUnreachable, _reregisterSlave, markGone/__removeSlave, reconcile, kill).
 * Real executor processes; ping timeouts shortened to 300 ms × 3.
 */
class PartitionTest {
    @TempDir
    Path workDir;

    LocalMesos mesos;
    TestScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 2)
                .agentPingTimeouts(Duration.ofMillis(300), 3)
                .build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();
    }

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
    }

    /** Mark just after the ACCEPT: the rest of agent 0 is offered again from there. */
    int afterAccept;

    private TaskStatus launchOnAgent0(String taskId) {
        Offer offer = scheduler.awaitOffer(0, o -> o.getAgentId().equals(mesos.agentId(0)), Duration.ofSeconds(20));
        int mark = scheduler.mark();
        afterAccept = mark;
        scheduler.send(Calls.accept(
                List.of(offer.getId()),
                List.of(launch(task(
                        taskId,
                        offer.getAgentId(),
                        List.of(scalar("cpus", 0.5), scalar("mem", 64)),
                        testExecutor("e-" + taskId, List.of(scalar("cpus", 0.1))),
                        ""))),
                Duration.ofMillis(100)));
        return scheduler.awaitUpdate(mark, taskId, TaskState.TASK_RUNNING);
    }

    private static boolean isUpdate(Event e, String taskId, TaskState state) {
        return e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getState() == state;
    }

    @Test
    void aPartitionedAgentIsUnreachableAfterThePingTimeoutsItsTasksKeepRunningAndHealingReportsThemRunningAgain() {
        TaskStatus running = launchOnAgent0("t1");
        long pid = mesos.executorPid(0, "e-t1").orElseThrow();
        Offer spare =
                scheduler.awaitOffer(afterAccept, o -> o.getAgentId().equals(mesos.agentId(0)), Duration.ofSeconds(10));
        int beforeCut = scheduler.mark();

        mesos.partitionAgent(0);

        TaskStatus unreachable = scheduler.awaitUpdate(beforeCut, "t1", TaskState.TASK_UNREACHABLE);
        assertThat(unreachable.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(unreachable.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(unreachable.hasUnreachableTime()).isTrue();
        assertThat(unreachable.hasUuid())
                .as("master-generated: nothing to acknowledge")
                .isFalse();
        scheduler.await(
                beforeCut,
                e -> e.getType() == Event.Type.RESCIND
                        && e.getRescind().getOfferId().equals(spare.getId()),
                Duration.ofSeconds(5));
        assertThat(ProcessHandle.of(pid))
                .as("the executor keeps running behind the partition")
                .isPresent();

        // explicit reconciliation: case (4), the time the agent was marked unreachable
        int beforeReconcile = scheduler.mark();
        scheduler.send(Calls.reconcile(Map.of(running.getTaskId(), running.getAgentId())));
        TaskStatus answer = scheduler.awaitUpdate(beforeReconcile, "t1", TaskState.TASK_UNREACHABLE);
        assertThat(answer.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(answer.getUnreachableTime()).isEqualTo(unreachable.getUnreachableTime());
        // a KILL of a task the master does not hold is answered by reconciliation, and reaches nobody
        int beforeKill = scheduler.mark();
        scheduler.send(Calls.kill(running.getTaskId(), running.getAgentId(), Duration.ofSeconds(1)));
        assertThat(scheduler
                        .awaitUpdate(beforeKill, "t1", TaskState.TASK_UNREACHABLE)
                        .getReason())
                .isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(ProcessHandle.of(pid)).isPresent();
        // implicit reconciliation leaves unreachable tasks out
        int beforeImplicit = scheduler.mark();
        scheduler.send(Calls.reconcile(Map.of()));
        scheduler.assertNone(beforeImplicit, e -> e.getType() == Event.Type.UPDATE, Duration.ofSeconds(1));
        assertThat(mesos.schedulerCallsReceived(Call.Type.KILL)).isEqualTo(1);

        int beforeHeal = scheduler.mark();
        mesos.healAgent(0);

        TaskStatus back = scheduler
                .await(beforeHeal, e -> isUpdate(e, "t1", TaskState.TASK_RUNNING), Duration.ofSeconds(10))
                .getUpdate()
                .getStatus();
        assertThat(back.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
        assertThat(back.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(back.hasUuid()).isFalse();
        assertThat(mesos.executorPid(0, "e-t1")).contains(pid);
        int afterHeal = scheduler.mark();
        scheduler.send(Calls.reconcile(Map.of()));
        assertThat(scheduler
                        .awaitUpdate(afterHeal, "t1", TaskState.TASK_RUNNING)
                        .getReason())
                .isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        scheduler.awaitOffer(beforeHeal, o -> o.getAgentId().equals(mesos.agentId(0)), Duration.ofSeconds(10));
    }

    @Test
    void anUpdateTheAgentMadeBehindTheCutReachesTheSchedulerAfterHealing() {
        TaskStatus running = launchOnAgent0("t1");
        int beforeCut = scheduler.mark();
        mesos.partitionAgent(0);
        // the executor's process dies behind the cut: its TASK_FAILED waits in the agent's retry stream
        mesos.killExecutor(0, "e-t1");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mesos.executorPid(0, "e-t1").isEmpty());
        assertThat(scheduler.eventsSince(beforeCut)).noneMatch(e -> isUpdate(e, "t1", TaskState.TASK_FAILED));
        mesos.healAgent(0);

        // the agent's own update, retried until acknowledged (with or without a re-registration in between)
        TaskStatus failed = scheduler
                .await(
                        beforeCut,
                        e -> isUpdate(e, "t1", TaskState.TASK_FAILED)
                                && e.getUpdate().getStatus().getSource() == TaskStatus.Source.SOURCE_AGENT,
                        Duration.ofSeconds(15))
                .getUpdate()
                .getStatus();
        assertThat(failed.getTaskId()).isEqualTo(running.getTaskId());
        assertThat(failed.hasUuid()).isTrue();
    }

    @Test
    void aRemovedAgentsTasksAreGoneByOperatorItsOffersRescindedAndItNeverComesBack() {
        TaskStatus running = launchOnAgent0("t1");
        long pid = mesos.executorPid(0, "e-t1").orElseThrow();
        Offer spare =
                scheduler.awaitOffer(afterAccept, o -> o.getAgentId().equals(mesos.agentId(0)), Duration.ofSeconds(10));
        int before = scheduler.mark();

        mesos.removeAgent(0);

        TaskStatus gone = scheduler.awaitUpdate(before, "t1", TaskState.TASK_GONE_BY_OPERATOR);
        assertThat(gone.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR);
        assertThat(gone.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        scheduler.await(
                before,
                e -> e.getType() == Event.Type.RESCIND
                        && e.getRescind().getOfferId().equals(spare.getId()),
                Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());

        int beforeReconcile = scheduler.mark();
        scheduler.send(Calls.reconcile(Map.of(running.getTaskId(), running.getAgentId())));
        assertThat(scheduler
                        .awaitUpdate(beforeReconcile, "t1", TaskState.TASK_GONE_BY_OPERATOR)
                        .getReason())
                .isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThatThrownBy(() -> mesos.startAgent(0)).isInstanceOf(IllegalStateException.class);
        assertThat(mesos.masterState().get("slaves").toString())
                .doesNotContain(running.getAgentId().getValue());
    }

    @Test
    void rescindingOffersTakesBackEveryOutstandingOfferAndTheResourcesAreOfferedAgain() {
        Offer first = scheduler.awaitOffer(0);
        int before = scheduler.mark();

        int rescinded = mesos.rescindOffers();

        assertThat(rescinded).isPositive();
        scheduler.await(
                before,
                e -> e.getType() == Event.Type.RESCIND
                        && e.getRescind().getOfferId().equals(first.getId()),
                Duration.ofSeconds(5));
        Offer again =
                scheduler.awaitOffer(before, o -> o.getAgentId().equals(first.getAgentId()), Duration.ofSeconds(10));
        assertThat(again.getId()).isNotEqualTo(first.getId());
    }

    @Test
    void aFrameworkThatIsNotPartitionAwareHearsTaskLostInsteadAndTheTaskAgainWhenItsAgentIsBack() {
        // the partition-aware framework goes for good, so its offers cannot hold the agents' resources
        String first = scheduler.awaitSubscribed(0).getFrameworkId().getValue();
        scheduler.send(Calls.teardown());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mesos.masterState()
                        .get("completed_frameworks")
                        .toString()
                        .contains(first));
        scheduler.close();
        org.apache.mesos.v1.Protos.FrameworkInfo info = TestScheduler.frameworkInfo(3600);
        info = info.toBuilder()
                .clearCapabilities()
                .addAllCapabilities(info.getCapabilitiesList().stream()
                        .filter(c ->
                                c.getType() != org.apache.mesos.v1.Protos.FrameworkInfo.Capability.Type.PARTITION_AWARE)
                        .toList())
                .build();
        scheduler = new TestScheduler(mesos.masterUri(), info, java.util.Optional.empty()).start();
        TaskStatus running = launchOnAgent0("t1");
        int beforeCut = scheduler.mark();

        mesos.partitionAgent(0);

        TaskStatus lost = scheduler.awaitUpdate(beforeCut, "t1", TaskState.TASK_LOST);
        assertThat(lost.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(scheduler.eventsSince(beforeCut)).noneMatch(e -> isUpdate(e, "t1", TaskState.TASK_UNREACHABLE));
        int beforeReconcile = scheduler.mark();
        scheduler.send(Calls.reconcile(Map.of(running.getTaskId(), running.getAgentId())));
        assertThat(scheduler
                        .awaitUpdate(beforeReconcile, "t1", TaskState.TASK_LOST)
                        .getReason())
                .isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);

        int beforeHeal = scheduler.mark();
        mesos.healAgent(0);
        // master.cpp:7062 reports the re-registered agent's tasks to every connected framework
        assertThat(scheduler
                        .await(beforeHeal, e -> isUpdate(e, "t1", TaskState.TASK_RUNNING), Duration.ofSeconds(10))
                        .getUpdate()
                        .getStatus()
                        .getReason())
                .isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
    }
}

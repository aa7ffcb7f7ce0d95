package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.reservation;
import static org.cassandramesos.local.support.Operations.reserved;
import static org.cassandramesos.local.support.Operations.task;
import static org.cassandramesos.local.support.Operations.testExecutor;
import static org.cassandramesos.local.support.Operations.volume;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Master failover and agent restarts: framework ids, tasks, reservations and volumes survive. */
class FailoverTest {
    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(
            1,
            // a stopped agent is noticed by its missed pings only, as a power loss is
            config -> config.agentPingTimeouts(java.time.Duration.ofSeconds(1), 3));

    private TaskStatus placeNode() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(TaskLifecycleTest.firstPlacement(offer, "node-0__1", "vol-1")),
                        Duration.ofSeconds(5)));
        return cluster.scheduler().awaitUpdate(mark, "node-0__1", TaskState.TASK_RUNNING);
    }

    @Test
    void afterAMasterRestartTheFrameworkResubscribesWithItsIdAndReconciliationReturnsItsTask() throws Exception {
        TaskStatus running = placeNode();
        String frameworkId = cluster.scheduler().frameworkId().getValue();
        long executorPid = cluster.mesos().executorPid(0, "node-0-executor").orElseThrow();

        int beforeRestart = cluster.scheduler().mark();
        cluster.mesos().restartMaster();
        Event.Subscribed again = cluster.scheduler().awaitSubscribed(beforeRestart);
        assertThat(again.getFrameworkId().getValue()).isEqualTo(frameworkId);

        int beforeReconcile = cluster.scheduler().mark();
        Map<TaskID, AgentID> tasks = new LinkedHashMap<>();
        tasks.put(running.getTaskId(), running.getAgentId());
        tasks.put(TaskID.newBuilder().setValue("never-launched").build(), running.getAgentId());
        tasks.put(
                TaskID.newBuilder().setValue("on-unknown-agent").build(),
                AgentID.newBuilder().setValue("no-such-agent").build());
        cluster.scheduler().send(Calls.reconcile(tasks));

        TaskStatus known = cluster.scheduler().awaitUpdate(beforeReconcile, "node-0__1", TaskState.TASK_RUNNING);
        assertThat(known.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(known.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(known.hasUuid()).isFalse();
        assertThat(cluster.scheduler()
                        .awaitUpdate(beforeReconcile, "never-launched", TaskState.TASK_GONE)
                        .hasUuid())
                .isFalse();
        cluster.scheduler().awaitUpdate(beforeReconcile, "on-unknown-agent", TaskState.TASK_UNKNOWN);

        int beforeImplicit = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.reconcile(Map.of()));
        cluster.scheduler().awaitUpdate(beforeImplicit, "node-0__1", TaskState.TASK_RUNNING);

        // the executor kept running through the master failover; the new master knows the agent's reservations
        assertThat(cluster.mesos().executorPid(0, "node-0-executor")).contains(executorPid);
        assertThat(cluster.mesos()
                        .masterState()
                        .get("slaves")
                        .get(0)
                        .get("reserved_resources_full")
                        .get(TestScheduler.ROLE)
                        .toString())
                .contains("vol-1")
                .contains("node-0");
        assertThat(cluster.mesos()
                        .masterState()
                        .get("frameworks")
                        .get(0)
                        .get("tasks")
                        .get(0)
                        .get("state")
                        .asText())
                .isEqualTo("TASK_RUNNING");
    }

    @Test
    void afterAnAgentRestartTheSameReservationAndVolumeWithItsDataAreOfferedAgain() throws Exception {
        TaskStatus running = placeNode();
        long executorPid = cluster.mesos().executorPid(0, "node-0-executor").orElseThrow();
        AgentID agentId = running.getAgentId();

        int beforeStop = cluster.scheduler().mark();
        cluster.mesos().stopAgent(0);
        TaskStatus unreachable = cluster.scheduler().awaitUpdate(beforeStop, "node-0__1", TaskState.TASK_UNREACHABLE);
        assertThat(unreachable.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(unreachable.hasUnreachableTime()).isTrue();
        cluster.scheduler()
                .await(
                        beforeStop,
                        e -> e.getType() == Event.Type.FAILURE
                                && !e.getFailure().hasExecutorId(),
                        Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(executorPid).isEmpty());

        int beforeReconcile = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.reconcile(Map.of(running.getTaskId(), agentId)));
        cluster.scheduler().awaitUpdate(beforeReconcile, "node-0__1", TaskState.TASK_UNREACHABLE);

        int beforeStart = cluster.scheduler().mark();
        cluster.mesos().startAgent(0);
        assertThat(cluster.mesos().agentId(0)).isEqualTo(agentId);
        // the master reports the re-registered agent's tasks as it reports them (REASON_AGENT_REREGISTERED); the
        // agent's
        // own update says why
        TaskStatus failed = cluster.scheduler()
                .await(
                        beforeStart,
                        e -> e.getType() == Event.Type.UPDATE
                                && e.getUpdate()
                                        .getStatus()
                                        .getTaskId()
                                        .getValue()
                                        .equals("node-0__1")
                                && e.getUpdate().getStatus().getState() == TaskState.TASK_FAILED
                                && e.getUpdate().getStatus().getSource() == TaskStatus.Source.SOURCE_AGENT,
                        Duration.ofSeconds(30))
                .getUpdate()
                .getStatus();
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);

        Offer offer = cluster.scheduler()
                .awaitOffer(
                        beforeStart,
                        o -> o.getResourcesList().stream()
                                .anyMatch(r -> r.hasDisk()
                                        && r.getDisk().getPersistence().getId().equals("vol-1")),
                        Duration.ofSeconds(15));
        Resource vol = offer.getResourcesList().stream()
                .filter(r -> r.hasDisk() && r.getDisk().hasPersistence())
                .findFirst()
                .orElseThrow();
        assertThat(vol.getReservations(0).getLabels().getLabels(0).getValue()).isEqualTo("node-0");
        assertThat(offer.getResourcesList()).anySatisfy(r -> {
            assertThat(r.getName()).isEqualTo("cpus");
            assertThat(r.getReservationsCount()).isEqualTo(1);
            assertThat(r.getScalar().getValue()).isEqualTo(1.1);
        });
        assertThat(cluster.mesos().agentWorkDir(0).resolve("volumes/roles/" + TestScheduler.ROLE + "/vol-1/marker"))
                .hasContent("node-0__1");

        // relaunch on the same reservation and volume: LAUNCH only; the task sees the data written before
        Resource.ReservationInfo r = reservation("node-0");
        int beforeRelaunch = cluster.scheduler().mark();
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task(
                                "node-0__2",
                                offer.getAgentId(),
                                List.of(
                                        reserved("cpus", 1.0, r),
                                        reserved("mem", 512, r),
                                        volume(1024, r, "vol-1", "data")),
                                testExecutor(
                                        "node-0-executor", List.of(reserved("cpus", 0.1, r), reserved("mem", 128, r))),
                                "restart"))),
                        Duration.ofSeconds(5)));
        TaskStatus relaunched = cluster.scheduler().awaitUpdate(beforeRelaunch, "node-0__2", TaskState.TASK_RUNNING);
        assertThat(relaunched.getMessage()).contains("previous-marker=node-0__1");
    }

    @Test
    void anUpdateFromWhileTheMasterWasDownReachesTheSchedulerOnceItIsBack() throws Exception {
        placeNode();
        cluster.mesos().stopMaster();
        assertThat(cluster.mesos().killExecutor(0, "node-0-executor")).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.mesos().executorPid(0, "node-0-executor").isEmpty());

        int beforeStart = cluster.scheduler().mark();
        cluster.mesos().startMaster();
        cluster.scheduler().awaitSubscribed(beforeStart);
        // the master reports the re-registered agent's tasks as it reports them (REASON_AGENT_REREGISTERED); the
        // agent's
        // own update says why
        TaskStatus failed = cluster.scheduler()
                .await(
                        beforeStart,
                        e -> e.getType() == Event.Type.UPDATE
                                && e.getUpdate()
                                        .getStatus()
                                        .getTaskId()
                                        .getValue()
                                        .equals("node-0__1")
                                && e.getUpdate().getStatus().getState() == TaskState.TASK_FAILED
                                && e.getUpdate().getStatus().getSource() == TaskStatus.Source.SOURCE_AGENT,
                        Duration.ofSeconds(30))
                .getUpdate()
                .getStatus();
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    }
}

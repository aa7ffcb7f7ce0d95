package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cassandramesos.local.support.Operations.create;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.reservation;
import static org.cassandramesos.local.support.Operations.reserve;
import static org.cassandramesos.local.support.Operations.reserved;
import static org.cassandramesos.local.support.Operations.task;
import static org.cassandramesos.local.support.Operations.testExecutor;
import static org.cassandramesos.local.support.Operations.volume;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node's first placement and its end, through real HTTP and a real executor process. */
class TaskLifecycleTest {
    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(1);

    /** RESERVE + CREATE + LAUNCH in one ACCEPT, as reference §1 shows for a node's first placement. */
    static Offer.Operation[] firstPlacement(Offer offer, String taskId, String persistenceId) {
        Resource.ReservationInfo r = reservation("node-0");
        Resource vol = volume(1024, r, persistenceId, "data");
        return new Offer.Operation[] {
            reserve(List.of(reserved("cpus", 1.1, r), reserved("mem", 640, r), reserved("disk", 1024, r))),
            create(vol),
            launch(task(
                    taskId,
                    offer.getAgentId(),
                    List.of(reserved("cpus", 1.0, r), reserved("mem", 512, r), vol),
                    testExecutor("node-0-executor", List.of(reserved("cpus", 0.1, r), reserved("mem", 128, r))),
                    "start"))
        };
    }

    @Test
    void reserveCreateLaunchRunsTheExecutorProcessAndItsRunningUpdateReachesTheScheduler() throws Exception {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Event.Subscribed subscribed = cluster.scheduler().awaitSubscribed(mark);
        Offer offer = cluster.scheduler().awaitOffer(mark);
        assertThat(offer.getHostname()).isEqualTo("127.0.0.2");
        assertThat(offer.getAttributesList())
                .anySatisfy(a -> assertThat(a.getName()).isEqualTo("rack"));
        assertThat(offer.getResourcesList())
                .allSatisfy(r -> assertThat(r.getAllocationInfo().getRole()).isEqualTo(TestScheduler.ROLE));

        int before = cluster.scheduler().mark();
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(firstPlacement(offer, "node-0__1", "vol-1")),
                        Duration.ofSeconds(5)));
        TaskStatus running = cluster.scheduler().awaitUpdate(before, "node-0__1", TaskState.TASK_RUNNING);

        assertThat(running.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(running.getUuid().size()).isEqualTo(16);
        assertThat(running.getAgentId()).isEqualTo(offer.getAgentId());
        assertThat(running.getMessage()).contains("previous-marker=none").contains("ip=127.0.0.2");
        assertThat(running.getData().toStringUtf8()).isEqualTo("start");
        assertThat(running.getContainerStatus()
                        .getNetworkInfos(0)
                        .getIpAddresses(0)
                        .getIpAddress())
                .isEqualTo("127.0.0.2");

        // the volume is a real directory under the agent's work dir, linked into the sandbox
        Path volumeDir = cluster.mesos().agentWorkDir(0).resolve("volumes/roles/" + TestScheduler.ROLE + "/vol-1");
        assertThat(volumeDir.resolve("marker")).hasContent("node-0__1");

        JsonNode state = cluster.mesos().masterState();
        JsonNode framework = state.get("frameworks").get(0);
        assertThat(framework.get("id").asText())
                .isEqualTo(subscribed.getFrameworkId().getValue());
        assertThat(framework.get("tasks").get(0).get("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(framework.get("tasks").get(0).get("statuses").toString()).contains("\"ip_address\":\"127.0.0.2\"");
        assertThat(framework.get("executors").get(0).get("executor_id").asText())
                .isEqualTo("node-0-executor");
        JsonNode reservedFull =
                state.get("slaves").get(0).get("reserved_resources_full").get(TestScheduler.ROLE);
        assertThat(reservedFull.toString())
                .contains("resource_id")
                .contains("node-0")
                .contains("vol-1");

        // acknowledged: the agent drops it from its stream and does not send it again
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.readString(cluster.mesos().agentWorkDir(0).resolve("meta/tasks.json"))
                        .contains("\"pending\" : [ ]"));
        int afterAck = cluster.scheduler().mark();
        cluster.scheduler().assertNone(afterAck, e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(1500));
    }

    @Test
    void anUnacknowledgedUpdateIsResentUntilTheSchedulerAcknowledgesIt() {
        cluster.scheduler().autoAcknowledge(false);
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(firstPlacement(offer, "node-0__1", "vol-1")),
                        Duration.ofSeconds(5)));
        TaskStatus first = cluster.scheduler().awaitUpdate(mark, "node-0__1", TaskState.TASK_RUNNING);

        int afterFirst = cluster.scheduler().mark();
        TaskStatus again = cluster.scheduler().awaitUpdate(afterFirst, "node-0__1", TaskState.TASK_RUNNING);
        assertThat(again.getUuid()).isEqualTo(first.getUuid());

        cluster.scheduler().send(Calls.acknowledge(again));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                Files.readString(cluster.mesos().agentWorkDir(0).resolve("meta/tasks.json")))
                        .contains("\"pending\" : [ ]"));
        int afterAck = cluster.scheduler().mark();
        cluster.scheduler().assertNone(afterAck, e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(1500));
    }

    @Test
    void killEndsInTaskKilledAndLeavesNoProcessBehind() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(firstPlacement(offer, "node-0__1", "vol-1")),
                        Duration.ofSeconds(5)));
        TaskStatus running = cluster.scheduler().awaitUpdate(mark, "node-0__1", TaskState.TASK_RUNNING);
        long executorPid = cluster.mesos().executorPid(0, "node-0-executor").orElseThrow();
        long childPid = childPid(running);
        assertThat(ProcessHandle.of(childPid)).isPresent();

        int beforeKill = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.kill(running.getTaskId(), running.getAgentId(), Duration.ofSeconds(2)));
        TaskStatus killed = cluster.scheduler().awaitUpdate(beforeKill, "node-0__1", TaskState.TASK_KILLED);

        assertThat(killed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(executorPid).isEmpty()
                        && ProcessHandle.of(childPid).isEmpty());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.mesos().executorPid(0, "node-0-executor").isEmpty());
    }

    @Test
    void anExecutorThatDiesFailsItsTasksAndTheSchedulerGetsAFailureEvent() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(firstPlacement(offer, "node-0__1", "vol-1")),
                        Duration.ofSeconds(5)));
        TaskStatus running = cluster.scheduler().awaitUpdate(mark, "node-0__1", TaskState.TASK_RUNNING);
        long childPid = childPid(running);

        int beforeKill = cluster.scheduler().mark();
        // kill only the executor: its orphaned child must be reaped by the agent too
        long executorPid = cluster.mesos().executorPid(0, "node-0-executor").orElseThrow();
        ProcessHandle.of(executorPid).orElseThrow().destroyForcibly();

        TaskStatus failed = cluster.scheduler().awaitUpdate(beforeKill, "node-0__1", TaskState.TASK_FAILED);
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
        Event failure =
                cluster.scheduler().await(beforeKill, e -> e.getType() == Event.Type.FAILURE, Duration.ofSeconds(10));
        assertThat(failure.getFailure().getExecutorId().getValue()).isEqualTo("node-0-executor");
        assertThat(failure.getFailure().getAgentId()).isEqualTo(offer.getAgentId());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(childPid).isEmpty());

        // the reservation and the volume come back in an offer
        Offer again = cluster.scheduler()
                .awaitOffer(
                        beforeKill,
                        o -> o.getResourcesList().stream()
                                .anyMatch(r -> r.hasDisk()
                                        && r.getDisk().getPersistence().getId().equals("vol-1")),
                        Duration.ofSeconds(15));
        assertThat(again.getAgentId()).isEqualTo(offer.getAgentId());
    }

    @Test
    void aSecondTaskForARunningExecutorIdReusesTheExecutorAndAnIncompatibleOneIsAnError() {
        List<Resource> executorResources = List.of(org.cassandramesos.local.support.Operations.scalar("cpus", 0.1));
        int mark = 0;
        Offer offer = cluster.scheduler().awaitOffer(mark);
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(offer.getId()),
                        List.of(launch(task(
                                "t1",
                                offer.getAgentId(),
                                List.of(org.cassandramesos.local.support.Operations.scalar("cpus", 0.5)),
                                testExecutor("shared", executorResources),
                                ""))),
                        Duration.ZERO));
        cluster.scheduler().awaitUpdate(mark, "t1", TaskState.TASK_RUNNING);
        long pid = cluster.mesos().executorPid(0, "shared").orElseThrow();

        int beforeSecond = cluster.scheduler().mark();
        // what the first ACCEPT left is offered again at once (no refuse filter)
        Offer next =
                cluster.scheduler().awaitOffer(mark, o -> !o.getId().equals(offer.getId()), Duration.ofSeconds(10));
        assertThat(next.getExecutorIdsList()).extracting(e -> e.getValue()).containsExactly("shared");
        cluster.scheduler()
                .send(Calls.accept(
                        List.of(next.getId()),
                        List.of(
                                launch(task(
                                        "t2",
                                        next.getAgentId(),
                                        List.of(org.cassandramesos.local.support.Operations.scalar("cpus", 0.5)),
                                        testExecutor("shared", executorResources),
                                        "")),
                                launch(task(
                                        "t3",
                                        next.getAgentId(),
                                        List.of(org.cassandramesos.local.support.Operations.scalar("cpus", 0.5)),
                                        testExecutor("shared", executorResources).toBuilder()
                                                .setCommand(org.apache.mesos.v1.Protos.CommandInfo.newBuilder()
                                                        .setValue("exit 1"))
                                                .build(),
                                        ""))),
                        Duration.ZERO));
        cluster.scheduler().awaitUpdate(beforeSecond, "t2", TaskState.TASK_RUNNING);
        assertThat(cluster.scheduler()
                        .awaitUpdate(beforeSecond, "t3", TaskState.TASK_ERROR)
                        .getReason())
                .isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(cluster.mesos().executorPid(0, "shared")).contains(pid);
    }

    static long childPid(TaskStatus running) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String kv : running.getMessage().split(";")) {
            String[] p = kv.split("=", 2);
            fields.put(p[0], p[1]);
        }
        return Long.parseLong(fields.get("child-pid"));
    }
}

package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cassandramesos.local.support.Operations.executor;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;

import com.google.protobuf.ByteString;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.RawMesosHttp;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's executor endpoint (reference §3), driven by hand: the launched process only sleeps
 * and the test speaks for it over HTTP.
 */
class ExecutorApiTest {
    @TempDir
    Path workDir;

    LocalMesos mesos;
    TestScheduler scheduler;
    final RawMesosHttp http = new RawMesosHttp();

    @BeforeEach
    void start() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 1)
                .executorRegistrationTimeout(Duration.ofSeconds(3))
                .build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();
    }

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
    }

    private void launchSleeper(String taskId, String executorId) {
        int mark = 0; // from the start: the first offers may already be in
        Offer offer = scheduler.awaitOffer(mark);
        scheduler.send(Calls.accept(
                List.of(offer.getId()),
                List.of(launch(task(
                        taskId,
                        offer.getAgentId(),
                        List.of(scalar("cpus", 0.5), scalar("mem", 64)),
                        executor(executorId, "exec sleep 60", List.of(scalar("cpus", 0.1))),
                        "payload"))),
                Duration.ofSeconds(1)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mesos.executorPid(0, executorId).isPresent());
    }

    private Call.Builder call(Call.Type type, String executorId) {
        return Call.newBuilder()
                .setType(type)
                .setFrameworkId(scheduler.frameworkId())
                .setExecutorId(ExecutorID.newBuilder().setValue(executorId));
    }

    private static ByteString uuid() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array());
    }

    private Call update(String executorId, String taskId, TaskState state, ByteString uuid) {
        return call(Call.Type.UPDATE, executorId)
                .setUpdate(Call.Update.newBuilder()
                        .setStatus(TaskStatus.newBuilder()
                                .setTaskId(TaskID.newBuilder().setValue(taskId))
                                .setState(state)
                                .setUuid(uuid)
                                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)))
                .build();
    }

    private static Event next(RecordIO.Reader reader) throws Exception {
        Event e;
        do {
            e = ProtoJson.parse(reader.next().orElseThrow(), Event.newBuilder());
        } while (e.getType() == Event.Type.HEARTBEAT);
        return e;
    }

    @Test
    void anExecutorSubscribesGetsItsTaskAndItsUpdatesAreAcknowledgedAndForwarded() throws Exception {
        launchSleeper("t1", "e1");
        URI endpoint = mesos.executorEndpoint(0);
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.2");

        assertThat(http.call(endpoint, update("e1", "t1", TaskState.TASK_RUNNING, uuid()), Map.of())
                        .statusCode())
                .as("UPDATE before SUBSCRIBE")
                .isEqualTo(403);
        assertThat(http.subscribe(
                                endpoint,
                                call(Call.Type.SUBSCRIBE, "nope")
                                        .setSubscribe(Call.Subscribe.getDefaultInstance())
                                        .build(),
                                null,
                                Map.of())
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<InputStream> response = http.subscribe(
                endpoint,
                call(Call.Type.SUBSCRIBE, "e1")
                        .setSubscribe(Call.Subscribe.getDefaultInstance())
                        .build(),
                null,
                Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            RecordIO.Reader reader = new RecordIO.Reader(body);
            Event subscribed = next(reader);
            assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
            assertThat(subscribed
                            .getSubscribed()
                            .getExecutorInfo()
                            .getExecutorId()
                            .getValue())
                    .isEqualTo("e1");
            assertThat(subscribed.getSubscribed().getFrameworkInfo().getId()).isEqualTo(scheduler.frameworkId());
            assertThat(subscribed.getSubscribed().getAgentInfo().getHostname()).isEqualTo("127.0.0.2");
            assertThat(subscribed.getSubscribed().getContainerId().getValue()).isNotEmpty();
            Event launchEvent = next(reader);
            assertThat(launchEvent.getType()).isEqualTo(Event.Type.LAUNCH);
            assertThat(launchEvent.getLaunch().getTask().getData().toStringUtf8())
                    .isEqualTo("payload");

            assertThat(http.call(
                                    endpoint,
                                    update("e1", "t1", TaskState.TASK_RUNNING, ByteString.copyFromUtf8("short")),
                                    Map.of())
                            .statusCode())
                    .isEqualTo(400);
            assertThat(http.call(endpoint, update("e1", "t1", TaskState.TASK_STAGING, uuid()), Map.of())
                            .statusCode())
                    .isEqualTo(400);

            int mark = scheduler.mark();
            ByteString running = uuid();
            assertThat(http.call(endpoint, update("e1", "t1", TaskState.TASK_RUNNING, running), Map.of())
                            .statusCode())
                    .isEqualTo(202);
            Event ack = next(reader);
            assertThat(ack.getType()).isEqualTo(Event.Type.ACKNOWLEDGED);
            assertThat(ack.getAcknowledged().getUuid()).isEqualTo(running);
            TaskStatus forwarded = scheduler.awaitUpdate(mark, "t1", TaskState.TASK_RUNNING);
            assertThat(forwarded.getUuid()).isEqualTo(running);
            assertThat(forwarded.getExecutorId().getValue()).isEqualTo("e1");

            // framework messages both ways
            scheduler.send(Calls.message(
                    forwarded.getAgentId(), forwarded.getExecutorId(), "ping".getBytes(StandardCharsets.UTF_8)));
            Event message = next(reader);
            assertThat(message.getMessage().getData().toStringUtf8()).isEqualTo("ping");
            assertThat(http.call(
                                    endpoint,
                                    call(Call.Type.MESSAGE, "e1")
                                            .setMessage(
                                                    Call.Message.newBuilder().setData(ByteString.copyFromUtf8("pong")))
                                            .build(),
                                    Map.of())
                            .statusCode())
                    .isEqualTo(202);
            org.apache.mesos.v1.scheduler.Protos.Event pong = scheduler.await(
                    mark,
                    e -> e.getType() == org.apache.mesos.v1.scheduler.Protos.Event.Type.MESSAGE
                            && e.getMessage().getData().toStringUtf8().equals("pong"),
                    Duration.ofSeconds(5));
            // as Master::executorMessage forwards it: the agent and executor the agent named, not the caller
            assertThat(pong.getMessage().getAgentId()).isEqualTo(forwarded.getAgentId());
            assertThat(pong.getMessage().getExecutorId().getValue()).isEqualTo("e1");
            assertThat(http.call(endpoint, call(Call.Type.MESSAGE, "e1").build(), Map.of())
                            .statusCode())
                    .as("MESSAGE without 'message'")
                    .isEqualTo(400);

            // KILL reaches the executor, whose terminal update reaches the scheduler
            int beforeKill = scheduler.mark();
            scheduler.send(Calls.kill(forwarded.getTaskId(), forwarded.getAgentId(), Duration.ofSeconds(10)));
            Event kill = next(reader);
            assertThat(kill.getType()).isEqualTo(Event.Type.KILL);
            assertThat(kill.getKill().getKillPolicy().getGracePeriod().getNanoseconds())
                    .isEqualTo(10_000_000_000L);
            assertThat(http.call(endpoint, update("e1", "t1", TaskState.TASK_KILLED, uuid()), Map.of())
                            .statusCode())
                    .isEqualTo(202);
            scheduler.awaitUpdate(beforeKill, "t1", TaskState.TASK_KILLED);
        }
    }

    @Test
    void updatesOfOneTaskReachTheSchedulerInOrderOneAfterTheOtherIsAcknowledged() throws Exception {
        scheduler.autoAcknowledge(false);
        launchSleeper("t1", "e1");
        URI endpoint = mesos.executorEndpoint(0);
        try (InputStream body = http.subscribe(
                        endpoint,
                        call(Call.Type.SUBSCRIBE, "e1")
                                .setSubscribe(Call.Subscribe.getDefaultInstance())
                                .build(),
                        null,
                        Map.of())
                .body()) {
            RecordIO.Reader reader = new RecordIO.Reader(body);
            next(reader);
            next(reader);
            int mark = scheduler.mark();
            http.call(endpoint, update("e1", "t1", TaskState.TASK_STARTING, uuid()), Map.of());
            http.call(endpoint, update("e1", "t1", TaskState.TASK_RUNNING, uuid()), Map.of());
            TaskStatus starting = scheduler.awaitUpdate(mark, "t1", TaskState.TASK_STARTING);
            // RUNNING waits for STARTING's acknowledgement (STARTING itself is re-sent meanwhile)
            scheduler.assertNone(
                    mark,
                    e -> e.getType() == org.apache.mesos.v1.scheduler.Protos.Event.Type.UPDATE
                            && e.getUpdate().getStatus().getState() == TaskState.TASK_RUNNING,
                    Duration.ofMillis(1500));
            scheduler.send(Calls.acknowledge(starting));
            TaskStatus running = scheduler.awaitUpdate(mark, "t1", TaskState.TASK_RUNNING);
            scheduler.send(Calls.acknowledge(running));
        }
    }

    @Test
    void anExecutorThatNeverSubscribesIsDestroyedAfterTheRegistrationTimeout() {
        int mark = 0;
        launchSleeper("t1", "e1");
        long pid = mesos.executorPid(0, "e1").orElseThrow();
        TaskStatus failed = scheduler.awaitUpdate(mark, "t1", TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).isEmpty());
    }
}

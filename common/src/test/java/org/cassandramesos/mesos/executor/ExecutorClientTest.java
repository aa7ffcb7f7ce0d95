package org.cassandramesos.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client behaviour against a scripted agent over real HTTP: what the agent sends, and when, is
 * controlled by the test. The end-to-end proof against the local Mesos agent lives in {@code local}.
 */
class ExecutorClientTest {
    private static final TaskID TASK = TaskID.newBuilder().setValue("node-0__1").build();

    private final List<Call> subscribes = new CopyOnWriteArrayList<>();
    private final List<TaskStatus> updatesReceived = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Event> toExecutor = new LinkedBlockingQueue<>();
    private final AtomicInteger refuseUpdates = new AtomicInteger();
    private final AtomicInteger dropStreamAfterUpdates = new AtomicInteger(-1);
    private HttpServer agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop(0);
        }
    }

    private void startAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.setExecutor(Executors.newCachedThreadPool());
        agent.createContext("/api/v1/executor", exchange -> {
            Call call = ProtoJson.parse(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), Call.newBuilder());
            switch (call.getType()) {
                case SUBSCRIBE -> {
                    subscribes.add(call);
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    write(
                            out,
                            Event.newBuilder()
                                    .setType(Event.Type.SUBSCRIBED)
                                    .setSubscribed(Event.Subscribed.newBuilder()
                                            .setExecutorInfo(org.apache.mesos.v1.Protos.ExecutorInfo.newBuilder()
                                                    .setExecutorId(call.getExecutorId()))
                                            .setFrameworkInfo(org.apache.mesos.v1.Protos.FrameworkInfo.newBuilder()
                                                    .setUser("u")
                                                    .setName("n"))
                                            .setAgentInfo(org.apache.mesos.v1.Protos.AgentInfo.newBuilder()
                                                    .setHostname("127.0.0.2"))
                                            .setContainerId(org.apache.mesos.v1.Protos.ContainerID.newBuilder()
                                                    .setValue("c1")))
                                    .build());
                    try {
                        while (true) {
                            Event e = toExecutor.poll(100, TimeUnit.MILLISECONDS);
                            if (e != null && e.getType() == Event.Type.ERROR) {
                                break; // test asks to drop the stream
                            }
                            if (e != null) {
                                write(out, e);
                            }
                        }
                    } catch (InterruptedException | IOException ignored) {
                        // stream over
                    }
                    exchange.close();
                }
                case UPDATE -> {
                    if (refuseUpdates.getAndDecrement() > 0) {
                        exchange.sendResponseHeaders(503, -1); // agent recovering
                    } else {
                        TaskStatus status = call.getUpdate().getStatus();
                        updatesReceived.add(status);
                        exchange.sendResponseHeaders(202, -1);
                        if (dropStreamAfterUpdates.decrementAndGet() == 0) {
                            toExecutor.add(
                                    Event.newBuilder().setType(Event.Type.ERROR).build());
                        } else {
                            toExecutor.add(ack(status));
                        }
                    }
                    exchange.close();
                }
                default -> {
                    exchange.sendResponseHeaders(202, -1);
                    exchange.close();
                }
            }
        });
        agent.start();
    }

    private static void write(OutputStream out, Event event) throws IOException {
        out.write(RecordIO.encode(ProtoJson.printBytes(event)));
        out.flush();
    }

    private static Event ack(TaskStatus status) {
        return Event.newBuilder()
                .setType(Event.Type.ACKNOWLEDGED)
                .setAcknowledged(Event.Acknowledged.newBuilder()
                        .setTaskId(status.getTaskId())
                        .setUuid(status.getUuid()))
                .build();
    }

    private static Event launch() {
        return Event.newBuilder()
                .setType(Event.Type.LAUNCH)
                .setLaunch(Event.Launch.newBuilder()
                        .setTask(TaskInfo.newBuilder()
                                .setName("node-0")
                                .setTaskId(TASK)
                                .setAgentId(AgentID.newBuilder().setValue("A1"))))
                .build();
    }

    private Map<String, String> env() {
        return Map.of(
                "MESOS_AGENT_ENDPOINT",
                "127.0.0.1:" + agent.getAddress().getPort(),
                "MESOS_FRAMEWORK_ID",
                "FW",
                "MESOS_EXECUTOR_ID",
                "node-0-executor",
                "MESOS_CHECKPOINT",
                "1",
                "MESOS_SUBSCRIPTION_BACKOFF_MAX",
                "100ms",
                "MESOS_RECOVERY_TIMEOUT",
                "10secs");
    }

    /** Runs a task to RUNNING on launch and to FINISHED on kill. */
    private static final class RunThenFinish implements Executor {
        @Override
        public void subscribed(ExecutorDriver driver, Event.Subscribed subscribed) {}

        @Override
        public void launch(ExecutorDriver driver, TaskInfo task) {
            driver.update(TaskStatus.newBuilder()
                    .setTaskId(task.getTaskId())
                    .setState(TaskState.TASK_RUNNING)
                    .build());
        }

        @Override
        public void kill(ExecutorDriver driver, TaskID taskId, KillPolicy policy) {
            driver.update(TaskStatus.newBuilder()
                    .setTaskId(taskId)
                    .setState(TaskState.TASK_KILLED)
                    .build());
        }

        @Override
        public void message(ExecutorDriver driver, byte[] data) {}

        @Override
        public void shutdown(ExecutorDriver driver) {}

        @Override
        public void error(ExecutorDriver driver, String message) {}
    }

    @Test
    void refusedUpdateIsRetriedUntilTheAgentAcknowledgesItAndTheExecutorExitsAfterItsTerminalUpdate() throws Exception {
        startAgent();
        refuseUpdates.set(2);
        ExecutorClient client = ExecutorClient.fromEnvironment(env(), new RunThenFinish());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(client::run);
        toExecutor.add(launch());

        await().atMost(Duration.ofSeconds(15)).until(() -> updatesReceived.size() == 1);
        TaskStatus running = updatesReceived.get(0);
        assertThat(running.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(running.getUuid().size()).isEqualTo(16);
        assertThat(running.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(running.getExecutorId().getValue()).isEqualTo("node-0-executor");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.unacknowledgedUpdates().isEmpty());

        toExecutor.add(Event.newBuilder()
                .setType(Event.Type.KILL)
                .setKill(Event.Kill.newBuilder().setTaskId(TASK))
                .build());
        assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
        assertThat(updatesReceived)
                .extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_RUNNING, TaskState.TASK_KILLED);
    }

    @Test
    void unacknowledgedUpdatesAndTasksTravelInTheNextSubscribe() throws Exception {
        startAgent();
        dropStreamAfterUpdates.set(1); // the agent takes the update, then the stream breaks before its ACKNOWLEDGED
        ExecutorClient client = ExecutorClient.fromEnvironment(env(), new RunThenFinish());
        CompletableFuture.runAsync(client::run);
        toExecutor.add(launch());

        await().atMost(Duration.ofSeconds(15)).until(() -> subscribes.size() >= 2);
        Call.Subscribe resubscribe = subscribes.get(1).getSubscribe();
        assertThat(resubscribe.getUnacknowledgedUpdatesList())
                .singleElement()
                .satisfies(u -> assertThat(u.getStatus().getUuid())
                        .isEqualTo(updatesReceived.get(0).getUuid()));
        assertThat(resubscribe.getUnacknowledgedTasksList())
                .extracting(TaskInfo::getTaskId)
                .containsExactly(TASK);

        toExecutor.add(ack(updatesReceived.get(0)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.unacknowledgedUpdates().isEmpty());
        toExecutor.add(Event.newBuilder()
                .setType(Event.Type.KILL)
                .setKill(Event.Kill.newBuilder().setTaskId(TASK))
                .build());
        await().atMost(Duration.ofSeconds(10)).until(() -> updatesReceived.size() == 2);
    }
}

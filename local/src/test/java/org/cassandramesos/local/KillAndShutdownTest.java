package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cassandramesos.local.support.Operations.launch;
import static org.cassandramesos.local.support.Operations.scalar;
import static org.cassandramesos.local.support.Operations.task;
import static org.cassandramesos.local.support.Operations.testExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent enforces kill grace periods and executor shutdown; TEARDOWN ends everything; offers are rescinded. */
class KillAndShutdownTest {
    @TempDir
    Path workDir;

    LocalMesos mesos;
    TestScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 1)
                .offerTimeout(Duration.ofSeconds(3))
                // a stopped agent is noticed by its missed pings only, as a power loss is
                .agentPingTimeouts(Duration.ofSeconds(1), 3)
                .build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();
    }

    @AfterEach
    void stop() {
        if (scheduler != null) scheduler.close();
        if (mesos != null) mesos.close();
    }

    private TaskStatus launchTestExecutor(ExecutorInfo executor) {
        int mark = 0;
        Offer offer = scheduler.awaitOffer(mark);
        scheduler.send(Calls.accept(
                List.of(offer.getId()),
                List.of(launch(
                        task("t1", offer.getAgentId(), List.of(scalar("cpus", 0.5), scalar("mem", 64)), executor, ""))),
                Duration.ofSeconds(1)));
        return scheduler.awaitUpdate(mark, "t1", TaskState.TASK_RUNNING);
    }

    @Test
    void anExecutorIgnoringKillIsDestroyedAfterTheGracePeriodAndTheTaskIsKilled() {
        ExecutorInfo stubborn = testExecutor("stubborn", List.of(scalar("cpus", 0.1)));
        stubborn = stubborn.toBuilder()
                .setCommand(stubborn.getCommand().toBuilder()
                        .setEnvironment(Environment.newBuilder()
                                .addVariables(Environment.Variable.newBuilder()
                                        .setName("TEST_EXECUTOR_MODE")
                                        .setValue("ignore-kill"))))
                .build();
        TaskStatus running = launchTestExecutor(stubborn);
        long pid = mesos.executorPid(0, "stubborn").orElseThrow();
        long child = TaskLifecycleTest.childPid(running);

        int beforeKill = scheduler.mark();
        scheduler.send(Calls.kill(running.getTaskId(), running.getAgentId(), Duration.ofSeconds(1)));
        TaskStatus killed = scheduler.awaitUpdate(beforeKill, "t1", TaskState.TASK_KILLED);
        assertThat(killed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(pid).isEmpty()
                        && ProcessHandle.of(child).isEmpty());
    }

    @Test
    void shutdownKillsTheExecutorsTasks() {
        TaskStatus running = launchTestExecutor(testExecutor("e", List.of(scalar("cpus", 0.1))));
        long pid = mesos.executorPid(0, "e").orElseThrow();
        int before = scheduler.mark();
        scheduler.send(Calls.shutdown(running.getExecutorId(), running.getAgentId()));
        scheduler.awaitUpdate(before, "t1", TaskState.TASK_KILLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).isEmpty());
    }

    @Test
    void teardownRemovesTheFrameworkAndStopsItsExecutors() {
        launchTestExecutor(testExecutor("e", List.of(scalar("cpus", 0.1))));
        long pid = mesos.executorPid(0, "e").orElseThrow();
        String id = scheduler.frameworkId().getValue();
        scheduler.send(Calls.teardown());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
        assertThat(mesos.masterState().get("completed_frameworks").toString()).contains(id);
        assertThat(mesos.masterState().get("frameworks")).isEmpty();
        // as Mesos 1.11's removeFramework: the task ends TASK_KILLED by the master, saying why
        com.fasterxml.jackson.databind.JsonNode task = mesos.masterState()
                .get("completed_frameworks")
                .get(0)
                .get("completed_tasks")
                .get(0);
        assertThat(task.get("state").asText()).isEqualTo("TASK_KILLED");
        com.fasterxml.jackson.databind.JsonNode last =
                task.get("statuses").get(task.get("statuses").size() - 1);
        assertThat(last.get("reason").asText()).isEqualTo("REASON_FRAMEWORK_REMOVED");
        assertThat(last.get("source").asText()).isEqualTo("SOURCE_MASTER");
        assertThat(last.get("message").asText()).isEqualTo("Framework " + id + " removed");
    }

    @Test
    void offersAreRescindedWhenTheyTimeOutOrTheirAgentGoesAway() {
        Offer first = scheduler.awaitOffer(0);
        Event rescind = scheduler.await(0, e -> e.getType() == Event.Type.RESCIND, Duration.ofSeconds(6));
        assertThat(rescind.getRescind().getOfferId()).isEqualTo(first.getId());

        int afterTimeout = scheduler.mark();
        Offer again = scheduler.awaitOffer(afterTimeout);
        mesos.stopAgent(0);
        Event lost = scheduler.await(
                afterTimeout,
                e -> e.getType() == Event.Type.RESCIND
                        && e.getRescind().getOfferId().equals(again.getId()),
                Duration.ofSeconds(10));
        assertThat(lost).isNotNull();
    }
}

package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node whose executor dies at once is retried with backoff, a bounded number of times, then ERROR. */
class RetryLimitTest {
    @TempDir
    Path workDir;

    @Test
    void aStepThatKeepsFailingEndsInErrorWithTheLastFailure() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                LocalMesos mesos = MesosTestSupport.mesos(workDir, 1);
                InProcessScheduler scheduler = InProcessScheduler.start(
                        MesosTestSupport.service("retry", zookeeper.getConnectString(), 1, 1, "exit 3"),
                        mesos.masterUri())) {

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scheduler.step("node-0").status() == Status.ERROR);

            Step step = scheduler.step("node-0");
            assertThat(step.message()).contains("failed 3 of 3 attempts", "TASK_FAILED");
            assertThat(scheduler.plans().deploy().status()).isEqualTo(Status.ERROR);
            long launches = scheduler.history.stream()
                    .filter(plan -> plan.steps().anyMatch(s -> s.status() == Status.STARTING))
                    .map(plan -> plan.steps().findFirst().orElseThrow().taskId().orElse(""))
                    .distinct()
                    .count();
            assertThat(launches).isEqualTo(3);
            // and it stays there: nothing retries forever
            String lastTask = scheduler.task("node-0").orElseThrow().getTaskId().getValue();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> scheduler
                            .task("node-0")
                            .orElseThrow()
                            .getTaskId()
                            .getValue()
                            .equals(lastTask));
            // every retry found the reservation of the first launch again
            assertThat(scheduler.record("node-0").launchConfirmed()).isTrue();
        }
    }
}

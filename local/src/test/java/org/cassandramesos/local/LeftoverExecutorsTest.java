package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cassandramesos.local.support.Clusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a crash of the JVM that ran the cluster, a restart kills the executors it left behind, and nothing else. */
class LeftoverExecutorsTest {
    @TempDir
    Path workDir;

    Process leftover;
    Process unrelated;

    @AfterEach
    void cleanUp() {
        if (leftover != null) leftover.destroyForcibly();
        if (unrelated != null) unrelated.destroyForcibly();
    }

    @Test
    void executorsRecordedByAnEarlierRunAreKilledOnStartButReusedPidsAreNot() throws Exception {
        // an "executor" in its own process group with a child, as the agent starts them
        leftover = new ProcessBuilder("setsid", "sh", "-c", "sleep 600 & wait").start();
        unrelated = new ProcessBuilder("sleep", "600").start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> leftover.descendants().findAny().isPresent());
        ProcessHandle child = leftover.descendants().findFirst().orElseThrow();
        long start = leftover.info().startInstant().orElseThrow().toEpochMilli();
        long unrelatedStart = unrelated.info().startInstant().orElseThrow().toEpochMilli();
        Path meta = Files.createDirectories(workDir.resolve("agent-0/meta"));
        Files.writeString(
                meta.resolve("executors.json"),
                "[{\"pid\":" + leftover.pid() + ",\"start_millis\":" + start + "}," + "{\"pid\":" + unrelated.pid()
                        + ",\"start_millis\":" + (unrelatedStart - 3_600_000) + "}]");

        try (LocalMesos mesos = Clusters.start(workDir, 1)) {
            assertThat(mesos.isAgentRunning(0)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !leftover.isAlive() && !child.isAlive());
            assertThat(unrelated.isAlive())
                    .as("a pid now used by another process is left alone")
                    .isTrue();
        }
    }
}

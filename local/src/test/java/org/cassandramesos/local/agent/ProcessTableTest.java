package org.cassandramesos.local.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared view of the process table finds a real process tree, grandchildren included. */
class ProcessTableTest {

    @Test
    void findsChildrenAndGrandchildrenOfARealProcess() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 60 & sh -c 'sleep 60 & wait' & wait").start();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<ProcessHandle> found = ProcessTable.descendants(shell.toHandle());
                List<ProcessHandle> truth = shell.descendants().toList();
                assertThat(truth).hasSize(3);
                assertThat(found).containsExactlyInAnyOrderElementsOf(truth);
            });
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}

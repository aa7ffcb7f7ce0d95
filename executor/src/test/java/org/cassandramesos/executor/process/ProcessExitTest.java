package org.cassandramesos.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessExitTest {
    @Test
    void namesTheSignalThatKilledCassandra() {
        assertThat(new ProcessExit(42, 137, false, List.of()).reason())
                .isEqualTo("Cassandra (pid 42) was killed by SIGKILL unexpectedly");
        assertThat(new ProcessExit(42, 143, true, List.of()).reason())
                .isEqualTo("Cassandra (pid 42) was killed by SIGTERM after a stop request");
    }

    @Test
    void reportsExitStatusAndLogTail() {
        ProcessExit exit = new ProcessExit(7, 3, false, List.of("ERROR boom", "Exception in thread main"));

        assertThat(exit.report())
                .isEqualTo(
                        "Cassandra (pid 7) exited with status 3 unexpectedly; last log lines:\nERROR boom\nException in thread main");
    }
}

package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStatusesTest {
    @Test
    void longMessagesKeepTheReasonAndTheNewestLogLines() {
        String message = "Cassandra (pid 1) exited with status 1 unexpectedly; last log lines:\n"
                + "old line\n".repeat(1000) + "the final error";

        String truncated = TaskStatuses.truncate(message);

        assertThat(truncated)
                .hasSizeLessThanOrEqualTo(TaskStatuses.MAX_MESSAGE_CHARS)
                .startsWith("Cassandra (pid 1) exited with status 1 unexpectedly")
                .endsWith("the final error");
    }

    @Test
    void shortMessagesAreKept() {
        assertThat(TaskStatuses.truncate("fine")).isEqualTo("fine");
    }
}

package org.cassandramesos.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void returnsTheLastLinesOfALargeLogWithLongLinesCut() throws Exception {
        Path log = dir.resolve("system.log");
        String body = IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n"
                + "x".repeat(1000) + "\nlast\n";
        Files.writeString(log, body);

        assertThat(LogTail.lastLines(log, 3))
                .containsExactly("line 19999", "x".repeat(LogTail.MAX_LINE_CHARS) + "…", "last");
    }

    @Test
    void missingLogHasNoTail() {
        assertThat(LogTail.lastLines(dir.resolve("nope.log"), 5)).isEmpty();
    }
}

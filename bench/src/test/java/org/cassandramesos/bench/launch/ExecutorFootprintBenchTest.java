package org.cassandramesos.bench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorFootprintBenchTest {
    @Test
    void nativeMemorySummaryGivesCommittedKbPerCategoryAndTheTotal() {
        String summary = """
                Native Memory Tracking:

                Total: reserved=1500000KB, committed=93300KB
                -                 Java Heap (reserved=262144KB, committed=23300KB)
                                            (mmap: reserved=262144KB, committed=23300KB)
                -                     Class (reserved=1049000KB, committed=5000KB)
                -                        GC (reserved=1000KB, committed=100KB)
                """;

        assertThat(ExecutorFootprintBench.parseNativeMemory(summary))
                .containsExactly(
                        Map.entry("Total", 93300L),
                        Map.entry("Java Heap", 23300L),
                        Map.entry("Class", 5000L),
                        Map.entry("GC", 100L));
    }

    @Test
    void leadingAssignmentsOfAnOptionSetAreVariablesAndTheRestIsTheJavaOptions() {
        assertThat(ExecutorFootprintBench.environment("MALLOC_ARENA_MAX=2 -Xmx64m -XX:+UseSerialGC"))
                .containsExactly(
                        Map.entry("MALLOC_ARENA_MAX", "2"),
                        Map.entry("EXECUTOR_JAVA_OPTS", "-Xmx64m -XX:+UseSerialGC"));
        assertThat(ExecutorFootprintBench.environment("launcher-default")).isEmpty();
    }
}

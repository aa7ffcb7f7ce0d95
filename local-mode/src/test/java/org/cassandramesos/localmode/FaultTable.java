package org.cassandramesos.localmode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The fault suite's figures, one row per fault, as the Markdown table docs/reliability.md quotes. */
final class FaultTable {
    private record Row(String fault, String recoveredWhen, Duration recovery, QuorumWriter.Result writes, String timeline) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String fault, String recoveredWhen, Duration recovery, QuorumWriter.Result writes, String timeline) {
        rows.add(new Row(fault, recoveredWhen, recovery, writes, timeline));
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder("| fault | recovered when | recovery s | QUORUM writes acknowledged | failed |"
                + " acknowledged rows lost (read at ALL) | again after the fault |\n|---|---|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            out.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.1f | %d | %d | %d | %s |%n", row.fault(),
                    row.recoveredWhen(), row.recovery().toMillis() / 1000.0, row.writes().acknowledged(),
                    row.writes().failed(), row.writes().lost(),
                    row.timeline().replace("{", "").replace("}", "").replace("=", ": ")));
        }
        return out.toString();
    }
}

package org.cassandramesos.localmode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The fault suite's figures, one row per fault, as the Markdown table docs/reliability.md quotes. */
final class FaultTable {
    private record Row(
            String fault, String recoveredWhen, Duration recovery, QuorumWriter.Result writes, String timeline) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(
            String fault, String recoveredWhen, Duration recovery, QuorumWriter.Result writes, String timeline) {
        rows.add(new Row(fault, recoveredWhen, recovery, writes, timeline));
    }

    /** A fault with no write load running (there is no ring of three yet). */
    synchronized void addWithoutWrites(String fault, String recoveredWhen, Duration recovery) {
        rows.add(new Row(fault, recoveredWhen, recovery, null, "no write load"));
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder(
                "| fault | recovered when | recovery s | QUORUM writes acknowledged | failed |"
                        + " acknowledged rows lost (read at ALL) | again after the fault |\n|---|---|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            QuorumWriter.Result writes = row.writes();
            out.append(String.format(
                    java.util.Locale.ROOT,
                    "| %s | %s | %.1f | %s | %s | %s | %s |%n",
                    row.fault(),
                    row.recoveredWhen(),
                    row.recovery().toMillis() / 1000.0,
                    writes == null ? "—" : Integer.toString(writes.acknowledged()),
                    writes == null ? "—" : Integer.toString(writes.failed()),
                    writes == null ? "—" : Integer.toString(writes.lost()),
                    row.timeline().replace("{", "").replace("}", "").replace("=", ": ")));
        }
        return out.toString();
    }
}

package org.cassandramesos.bench.failover;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cassandramesos.bench.launch.LaunchTable;
import org.cassandramesos.bench.failover.FailoverBench.Case;
import org.cassandramesos.bench.failover.FailoverBench.Takeover;

/** The failover results as Markdown: per cluster size, the takeover times against the baseline, then where the time went (pure). */
final class FailoverTable {
    private FailoverTable() {}

    static String render(Instant started, int runs, String loadBefore, String loadAfter,
            Map<Integer, List<Takeover>> results) {
        StringBuilder md = new StringBuilder("# Scheduler failover: kill → re-subscribed and reconciled\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s %s; %d runs per case, the cases of a run one "
                        + "after another. Load average (1/5/15 min) before: %s, after: %s.%n%n",
                started.toString().substring(0, 10), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), runs, loadBefore, loadAfter));
        for (Map.Entry<Integer, List<Takeover>> size : results.entrySet()) {
            List<LaunchTable.Mode> modes = new ArrayList<>();
            for (Case kind : Case.values()) {
                List<Double> seconds = size.getValue().stream().filter(t -> t.kind() == kind).map(Takeover::seconds).toList();
                if (!seconds.isEmpty()) {
                    modes.add(new LaunchTable.Mode(kind.label, seconds));
                }
            }
            md.append(LaunchTable.render("## " + size.getKey() + " nodes (test executors)\n\n", modes.get(0),
                    "baseline", modes));
            md.append("\nWhere the time went (median ms from the kill to the new leader's log line; - : before the kill):\n\n");
            md.append("| case |");
            for (LogTimeline.Phase phase : LogTimeline.Phase.values()) {
                md.append(' ').append(phase.label).append(" |");
            }
            md.append("\n|---|").append("---:|".repeat(LogTimeline.Phase.values().length)).append('\n');
            for (Case kind : Case.values()) {
                if (kind == Case.BASELINE) {
                    continue;
                }
                List<Takeover> of = size.getValue().stream().filter(t -> t.kind() == kind).toList();
                md.append("| ").append(kind.label).append(" |");
                for (LogTimeline.Phase phase : LogTimeline.Phase.values()) {
                    List<Double> ms = of.stream().filter(t -> t.phases().containsKey(phase))
                            .map(t -> (double) t.phases().get(phase)).toList();
                    md.append(ms.size() < of.size() || ms.isEmpty() ? " - |"
                            : String.format(Locale.ROOT, " %.0f |", new LaunchTable.Mode(phase.label, ms).median()));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }
}

package org.cassandramesos.bench.localmode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cassandramesos.bench.launch.LaunchTable;

/** The local-mode deploy results as Markdown: the timing table (via {@link LaunchTable}) and an RSS table (pure). */
final class DeployTable {
    static final String PLAIN = "plain script (3 nodes, one after another)";
    static final String LOCAL = "local mode (`./cassandra-mesos local` → deploy plan COMPLETE)";

    private DeployTable() {}

    /**
     * @param plainRuns the plain-script runs (the baseline)
     * @param localRuns the local-mode runs
     */
    static String render(String header, List<RunResult> plainRuns, List<RunResult> localRuns, String footer) {
        LaunchTable.Mode plain = new LaunchTable.Mode(
                PLAIN, plainRuns.stream().map(RunResult::seconds).toList());
        LaunchTable.Mode local = new LaunchTable.Mode(
                LOCAL, localRuns.stream().map(RunResult::seconds).toList());
        StringBuilder md = new StringBuilder(LaunchTable.render(header, plain, "plain script", List.of(plain, local)));

        List<Double> apiUp = localRuns.stream()
                .filter(r -> r.apiUpSeconds().isPresent())
                .map(r -> r.apiUpSeconds().getAsDouble())
                .toList();
        if (!apiUp.isEmpty()) {
            LaunchTable.Mode up = new LaunchTable.Mode("api", apiUp);
            md.append(String.format(
                    Locale.ROOT,
                    "%nOf the local-mode time, start until the scheduler's API first "
                            + "answered `GET /v1/plan`: median %.2f s (runs %s).%n",
                    up.median(),
                    seconds(apiUp)));
        }

        md.append("\n## Memory (RSS when the cluster is ready)\n\n");
        md.append("| mode | process | count | median RSS MB each | min MB | max MB |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        rssRows(md, "local mode", localRuns);
        rssRows(md, "plain script", plainRuns);
        md.append(String.format(
                Locale.ROOT,
                "%nTotal RSS per run (median): local mode %.0f MB, plain script %.0f MB.%n",
                medianTotalMb(localRuns),
                medianTotalMb(plainRuns)));

        List<String> leftovers = new ArrayList<>();
        localRuns.forEach(r -> leftovers.addAll(r.leftovers()));
        plainRuns.forEach(r -> leftovers.addAll(r.leftovers()));
        md.append(
                leftovers.isEmpty()
                        ? "\nEvery process of every run was gone after its mode's own shutdown (checked by pid).\n"
                        : "\nProcesses that outlived their mode's shutdown (then killed by the harness): " + leftovers
                                + "\n");
        return md.append(footer).toString();
    }

    private static void rssRows(StringBuilder md, String mode, List<RunResult> runs) {
        Map<ProcessKind, List<Double>> mbByKind = new EnumMap<>(ProcessKind.class);
        Map<ProcessKind, List<Double>> countsByKind = new EnumMap<>(ProcessKind.class);
        for (RunResult run : runs) {
            Map<ProcessKind, Integer> counts = new EnumMap<>(ProcessKind.class);
            for (ProcessSample sample : run.rss()) {
                mbByKind.computeIfAbsent(sample.kind(), k -> new ArrayList<>()).add(sample.rssKb() / 1024.0);
                counts.merge(sample.kind(), 1, Integer::sum);
            }
            counts.forEach((kind, n) ->
                    countsByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add((double) n));
        }
        mbByKind.forEach((kind, mb) -> {
            LaunchTable.Mode m = new LaunchTable.Mode(kind.label(), mb);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.0f | %.0f | %.0f |%n",
                    mode,
                    kind.label(),
                    count(countsByKind.get(kind)),
                    m.median(),
                    m.min(),
                    m.max()));
        });
    }

    /** The per-run count; "a–b" when runs differed. */
    private static String count(List<Double> counts) {
        int min = (int) counts.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        int max = (int) counts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min == max ? Integer.toString(min) : min + "–" + max;
    }

    private static double medianTotalMb(Collection<RunResult> runs) {
        List<Double> totals = runs.stream()
                .map(r -> r.rss().stream().mapToLong(ProcessSample::rssKb).sum() / 1024.0)
                .toList();
        return totals.isEmpty() ? 0 : new LaunchTable.Mode("totals", totals).median();
    }

    private static String seconds(List<Double> values) {
        return values.stream()
                .map(s -> String.format(Locale.ROOT, "%.2f", s))
                .toList()
                .toString();
    }
}

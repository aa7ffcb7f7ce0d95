package org.cassandramesos.bench.failover;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The REST load bench's tables (pure): latency and throughput per route and mode, ratios to the baseline, memory. */
final class RestLoadTable {
    private RestLoadTable() {}

    static String render(
            int nodes,
            int rate,
            Duration phase,
            int clients,
            String loadBefore,
            String loadAfter,
            List<LoadRun.Result> results,
            Map<String, Long> rssKb,
            Map<String, Long> nmtKb) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(RestLoadBench.today())
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores (the load generator runs on the same machine), ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append("; the scheduler at ")
                .append(nodes)
                .append(" nodes (test executors), ")
                .append(phase.toSeconds())
                .append(" s per phase, open loop at ")
                .append(rate)
                .append(" req/s, closed loop with ")
                .append(clients)
                .append(" clients. Load average (1/5/15 min) before: ")
                .append(loadBefore)
                .append(", after: ")
                .append(loadAfter)
                .append(".\n\n");
        md.append("| route | mode | requests | errors | req/s | p50 ms | p99 ms | max ms | p99 / baseline p99 |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadRun.Result r : results) {
            LoadRun.Result baseline = results.stream()
                    .filter(b -> b.mode().equals(r.mode()))
                    .findFirst()
                    .orElse(r);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f |%n",
                    r.target(),
                    r.mode(),
                    r.requests(),
                    r.errors(),
                    r.throughput(),
                    r.percentileMs(0.5),
                    r.percentileMs(0.99),
                    r.maxMs(),
                    r.percentileMs(0.99) / baseline.percentileMs(0.99)));
        }
        md.append("\nThroughput at the maximum, ratio to the baseline's: ");
        results.stream().filter(r -> r.mode().startsWith("closed")).forEach(r -> {
            LoadRun.Result baseline = results.stream()
                    .filter(b -> b.mode().equals(r.mode()))
                    .findFirst()
                    .orElseThrow();
            md.append(String.format(Locale.ROOT, "%s %.2f; ", r.target(), r.throughput() / baseline.throughput()));
        });
        md.append("\n\nScheduler RSS at ")
                .append(nodes)
                .append(" nodes (VmRSS):\n\n| scheduler | RSS MB |\n|---|---:|\n");
        rssKb.forEach((label, kb) -> md.append(String.format(Locale.ROOT, "| %s | %.0f |%n", label, kb / 1024.0)));
        md.append(
                        "\nCommitted memory per region with the launcher's defaults (MB, `jcmd VM.native_memory summary`):\n\n")
                .append("| region | MB |\n|---|---:|\n");
        nmtKb.forEach((region, kb) -> {
            if (kb >= 512) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", region, kb / 1024.0));
            }
        });
        return md.toString();
    }
}

package org.cassandramesos.bench.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The launch-to-running results as a Markdown table, every mode set against the by-hand baseline (pure). */
public final class LaunchTable {
    /** One mode's measured runs, in seconds. */
    public record Mode(String name, List<Double> seconds) {
        public Mode {
            if (seconds.isEmpty()) {
                throw new IllegalArgumentException(name + " has no runs");
            }
            seconds = List.copyOf(seconds);
        }

        public double median() {
            List<Double> sorted = new ArrayList<>(seconds);
            sorted.sort(null);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        public double min() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        public double max() {
            return seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private LaunchTable() {}

    /** Median of run-by-run ratios: runs that alternate share the machine's load, so this resists noise. */
    public static double pairedRatio(Mode mode, Mode baseline) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < mode.seconds().size(); i++) {
            ratios.add(mode.seconds().get(i) / baseline.seconds().get(i));
        }
        return new Mode("ratios", ratios).median();
    }

    /** @param baseline the mode the ratios are relative to (its own ratio is 1.00), called "by hand" */
    static String render(String header, Mode baseline, List<Mode> modes) {
        return render(header, baseline, "by hand", modes);
    }

    /**
     * @param baseline      the mode the ratios are relative to (its own ratio is 1.00)
     * @param baselineLabel how the ratio column names the baseline
     */
    public static String render(String header, Mode baseline, String baselineLabel, List<Mode> modes) {
        StringBuilder md = new StringBuilder(header);
        md.append("| mode | runs | median s | min s | max s | ratio to ")
                .append(baselineLabel)
                .append(" |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Mode mode : modes) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n",
                    mode.name(),
                    mode.seconds().size(),
                    mode.median(),
                    mode.min(),
                    mode.max(),
                    mode.median() / baseline.median()));
        }
        for (Mode mode : modes) {
            if (mode != baseline && mode.seconds().size() == baseline.seconds().size()) {
                md.append(String.format(
                        Locale.ROOT,
                        "%nPaired ratio %s / %s (run i against run i, median): %.2f%n",
                        mode.name(),
                        baseline.name(),
                        pairedRatio(mode, baseline)));
            }
        }
        md.append('\n').append("Runs (s): ");
        for (Mode mode : modes) {
            md.append(mode.name())
                    .append(' ')
                    .append(mode.seconds().stream()
                            .map(s -> String.format(Locale.ROOT, "%.2f", s))
                            .toList())
                    .append("; ");
        }
        md.setLength(md.length() - 2);
        return md.append('\n').toString();
    }
}

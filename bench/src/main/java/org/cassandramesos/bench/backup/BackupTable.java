package org.cassandramesos.bench.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.cassandramesos.bench.launch.LaunchTable;

/** The backup results as Markdown: full uploads set against the plain upload, incrementals against the full backup (pure). */
public final class BackupTable {
    private static final double MB = 1024.0 * 1024.0;

    /**
     * One timed upload.
     *
     * @param seconds       wall clock
     * @param dataBytes     the snapshot's SSTable bytes the upload covered
     * @param uploadedBytes what the store grew by
     */
    public record Sample(double seconds, long dataBytes, long uploadedBytes) {
        public double mbPerSecond() {
            return dataBytes / MB / seconds;
        }
    }

    /** One mode's runs, in run order. */
    public record Mode(String name, List<Sample> samples) {
        public Mode {
            if (samples.isEmpty()) {
                throw new IllegalArgumentException(name + " has no runs");
            }
            samples = List.copyOf(samples);
        }

        double median(ToDoubleFunction<Sample> value) {
            return new LaunchTable.Mode(
                            name, samples.stream().map(value::applyAsDouble).toList())
                    .median();
        }

        double min(ToDoubleFunction<Sample> value) {
            return samples.stream().mapToDouble(value).min().orElseThrow();
        }

        double max(ToDoubleFunction<Sample> value) {
            return samples.stream().mapToDouble(value).max().orElseThrow();
        }
    }

    private BackupTable() {}

    /** Median of run-by-run ratios of {@code value}: the modes of one run share the machine's load. */
    static double pairedRatio(Mode mode, Mode baseline, ToDoubleFunction<Sample> value) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(mode.samples().size(), baseline.samples().size()); i++) {
            ratios.add(value.applyAsDouble(mode.samples().get(i))
                    / value.applyAsDouble(baseline.samples().get(i)));
        }
        return new LaunchTable.Mode("ratios", ratios).median();
    }

    /** Throughput of uploads into an empty location; ratio = median MB/s over the baseline's median MB/s. */
    public static String throughput(Mode baseline, List<Mode> modes) {
        StringBuilder md = new StringBuilder();
        md.append("| mode | runs | data MB | uploaded MB | median s | min s | max s | median MB/s | ratio to ")
                .append(baseline.name())
                .append(" (MB/s) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Mode mode : modes) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %.1f | %.2f |%n",
                    mode.name(),
                    mode.samples().size(),
                    mode.median(s -> s.dataBytes() / MB),
                    mode.median(s -> s.uploadedBytes() / MB),
                    mode.median(Sample::seconds),
                    mode.min(Sample::seconds),
                    mode.max(Sample::seconds),
                    mode.median(Sample::mbPerSecond),
                    mode.median(Sample::mbPerSecond) / baseline.median(Sample::mbPerSecond)));
        }
        for (Mode mode : modes) {
            if (mode != baseline) {
                md.append(String.format(
                        Locale.ROOT,
                        "%nPaired ratio %s / %s MB/s (run i against run i, median): %.2f%n",
                        mode.name(),
                        baseline.name(),
                        pairedRatio(mode, baseline, Sample::mbPerSecond)));
            }
        }
        return md.toString();
    }

    /** Backups of data the location partly holds already; ratio = median time over the reference's median time. */
    public static String incremental(Mode reference, List<Mode> modes) {
        StringBuilder md = new StringBuilder();
        md.append("| backup | runs | data MB | uploaded MB | uploaded % | median s | min s | max s | time ratio to ")
                .append(reference.name())
                .append(" |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Mode mode : modes) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f |%n",
                    mode.name(),
                    mode.samples().size(),
                    mode.median(s -> s.dataBytes() / MB),
                    mode.median(s -> s.uploadedBytes() / MB),
                    mode.median(s -> 100.0 * s.uploadedBytes() / s.dataBytes()),
                    mode.median(Sample::seconds),
                    mode.min(Sample::seconds),
                    mode.max(Sample::seconds),
                    mode.median(Sample::seconds) / reference.median(Sample::seconds)));
        }
        return md.toString();
    }

    /** Every run's seconds, so the spread and the order effects stay visible. */
    public static String runs(List<Mode> modes) {
        StringBuilder md = new StringBuilder("Runs (s): ");
        for (Mode mode : modes) {
            md.append(mode.name())
                    .append(' ')
                    .append(mode.samples().stream()
                            .map(s -> String.format(Locale.ROOT, "%.2f", s.seconds()))
                            .toList())
                    .append("; ");
        }
        md.setLength(md.length() - 2);
        return md.append('\n').toString();
    }
}

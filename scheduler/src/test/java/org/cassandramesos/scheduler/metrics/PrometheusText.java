package org.cassandramesos.scheduler.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of Prometheus text: each sample line's series ({@code name{labels}}) and value, and its # TYPE lines. */
record PrometheusText(String text, Map<String, Double> samples, Map<String, String> types) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
            }
        }
        return new PrometheusText(text, samples, types);
    }

    /** The value of {@code name} with exactly these labels (in the order written), if that series is there. */
    Optional<Double> value(String name, String... labels) {
        return Optional.ofNullable(samples.get(series(name, labels)));
    }

    /** As {@link #value}, 0 for a series not there (yet). */
    double count(String name, String... labels) {
        return value(name, labels).orElse(0.0);
    }

    static String series(String name, String... labels) {
        if (labels.length == 0) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                s.append(',');
            }
            s.append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
        }
        return s.append('}').toString();
    }
}

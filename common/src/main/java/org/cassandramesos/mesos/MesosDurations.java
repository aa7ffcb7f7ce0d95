package org.cassandramesos.mesos;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration strings Mesos puts in an executor's environment, e.g. {@code 15mins}, {@code 2secs}. */
public final class MesosDurations {
    private static final Pattern FORMAT =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|ms|secs|mins|hrs|days|weeks)\\s*");

    private MesosDurations() {}

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Mesos duration: '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "secs" -> 1e9;
            case "mins" -> 60e9;
            case "hrs" -> 3600e9;
            case "days" -> 86400e9;
            case "weeks" -> 7 * 86400e9;
            default -> throw new AssertionError(m.group(2));
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
    }
}

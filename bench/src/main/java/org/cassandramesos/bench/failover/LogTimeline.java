package org.cassandramesos.bench.failover;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a takeover's time went, read from the new leader's own log (Dropwizard's default layout: level, then the UTC
 * time in brackets): milliseconds from the kill to the first line that marks each phase (pure).
 */
final class LogTimeline {
    /** The phases in order, each with the log line that ends it. */
    enum Phase {
        FIRST_LOG_LINE("first log line (JVM + Dropwizard bootstrap)", Pattern.compile(".")),
        ZOOKEEPER("ZooKeeper connected", Pattern.compile("ZooKeeper session timeout: ")),
        ELECTED("elected", Pattern.compile("is the leader now")),
        WIRED("state read, Mesos side wired", Pattern.compile("LEADING: state read")),
        SUBSCRIBED("SUBSCRIBED", Pattern.compile("subscribed to \\S+ as framework ")),
        RECONCILED("reconciled", Pattern.compile("RECONCILED: "));

        final String label;
        final Pattern line;

        Phase(String label, Pattern line) {
            this.label = label;
            this.line = line;
        }
    }

    private static final Pattern STAMP =
            Pattern.compile("^\\S+\\s+\\[(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3})\\]");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private LogTimeline() {}

    /**
     * @param lines      the new leader's log
     * @param killMillis the kill's wall-clock time (epoch ms)
     * @return per phase reached, ms from the kill to its first line (a phase before the kill, as a standby's start,
     *         is left out)
     */
    static Map<Phase, Long> of(List<String> lines, long killMillis) {
        Map<Phase, Long> reached = new LinkedHashMap<>();
        for (String line : lines) {
            OptionalLong at = stamp(line);
            if (at.isEmpty()) {
                continue;
            }
            for (Phase phase : Phase.values()) {
                if (!reached.containsKey(phase) && phase.line.matcher(line).find()) {
                    reached.put(phase, at.getAsLong() - killMillis);
                }
            }
        }
        reached.values().removeIf(ms -> ms < 0);
        return reached;
    }

    static OptionalLong stamp(String line) {
        Matcher m = STAMP.matcher(line);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(LocalDateTime.parse(m.group(1), FORMAT)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli());
    }
}

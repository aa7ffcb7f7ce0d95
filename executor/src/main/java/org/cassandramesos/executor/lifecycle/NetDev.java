package org.cassandramesos.executor.lifecycle;

import java.util.HashMap;
import java.util.Map;

/** Cumulative traffic of one network interface, a line of {@code /proc/<pid>/net/dev}. */
public record NetDev(long rxBytes, long rxPackets, long txBytes, long txPackets) {

    /**
     * Parses every interface line ({@code name: rx-bytes rx-packets errs drop fifo frame compressed multicast
     * tx-bytes tx-packets ...}); the two header lines have no colon before their fields and are skipped.
     */
    public static Map<String, NetDev> parse(String text) {
        Map<String, NetDev> interfaces = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.contains("|")) {
                continue;
            }
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (fields.length < 10) {
                throw new IllegalArgumentException("too few fields in /proc/<pid>/net/dev line: " + line.trim());
            }
            try {
                interfaces.put(
                        line.substring(0, colon).trim(),
                        new NetDev(
                                Long.parseLong(fields[0]),
                                Long.parseLong(fields[1]),
                                Long.parseLong(fields[8]),
                                Long.parseLong(fields[9])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number in /proc/<pid>/net/dev line: " + line.trim(), e);
            }
        }
        return interfaces;
    }

    /** Seed 003's names for the node's NIC. */
    public Map<String, Long> counters() {
        return Map.of("rx:bytes", rxBytes, "tx:bytes", txBytes, "rx:packets", rxPackets, "tx:packets", txPackets);
    }
}

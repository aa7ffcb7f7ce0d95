package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.scheduler.offer.NodeRequirement.PortRequirement;

/** Picks a node's ports from offered port ranges: fixed ones must be offered, dynamic ones take the lowest free. */
final class PortPicker {
    private PortPicker() {}

    /** Ports by name plus the offered entries they come from; or a reason. */
    record Picked(Map<String, Integer> byName, Map<Resource, List<Long>> byEntry, String reason) {
        boolean ok() {
            return reason == null;
        }
    }

    static Picked pick(List<PortRequirement> wanted, List<Resource> entries) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        Map<Resource, List<Long>> byEntry = new LinkedHashMap<>();
        Set<Long> taken = new HashSet<>();
        for (PortRequirement port : wanted) {
            if (!port.dynamic()) {
                taken.add((long) port.port());
            }
        }
        List<String> missing = new ArrayList<>();
        for (PortRequirement port : wanted) {
            if (port.dynamic()) {
                continue;
            }
            Resource entry = containing(entries, port.port());
            if (entry == null) {
                missing.add(port.port() + " (" + port.name() + ")");
            } else {
                byName.put(port.name(), port.port());
                byEntry.computeIfAbsent(entry, k -> new ArrayList<>(4)).add((long) port.port());
            }
        }
        if (!missing.isEmpty()) {
            return new Picked(null, null, "port " + String.join(", ", missing) + " not offered");
        }
        for (PortRequirement port : wanted) {
            if (!port.dynamic()) {
                continue;
            }
            if (!pickLowestFree(port, entries, taken, byName, byEntry)) {
                long dynamicCount =
                        wanted.stream().filter(PortRequirement::dynamic).count();
                return new Picked(
                        null,
                        null,
                        "insufficient ports: offered " + countPorts(entries) + " port(s), " + dynamicCount
                                + " dynamic port(s) needed besides the fixed ones");
            }
        }
        return new Picked(byName, byEntry, null);
    }

    /** Whether every port is inside the given ranges resources. */
    static boolean containsAll(List<Resource> entries, Iterable<Integer> ports) {
        for (int port : ports) {
            if (containing(entries, port) == null) {
                return false;
            }
        }
        return true;
    }

    /** Single ports merged into as few ranges as possible. */
    static Value.Ranges ranges(List<Long> ports) {
        List<Long> sorted = new ArrayList<>(ports);
        sorted.sort(null);
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        long begin = -1;
        long end = -1;
        for (long port : sorted) {
            if (begin >= 0 && port == end + 1) {
                end = port;
                continue;
            }
            if (begin >= 0) {
                ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
            }
            begin = port;
            end = port;
        }
        if (begin >= 0) {
            ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
        }
        return ranges.build();
    }

    private static boolean pickLowestFree(
            PortRequirement port,
            List<Resource> entries,
            Set<Long> taken,
            Map<String, Integer> byName,
            Map<Resource, List<Long>> byEntry) {
        for (Resource entry : entries) {
            for (Value.Range range : entry.getRanges().getRangeList()) {
                for (long candidate = range.getBegin(); candidate <= range.getEnd(); candidate++) {
                    if (taken.add(candidate)) {
                        byName.put(port.name(), (int) candidate);
                        byEntry.computeIfAbsent(entry, k -> new ArrayList<>(4)).add(candidate);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Resource containing(List<Resource> entries, long port) {
        for (Resource entry : entries) {
            for (Value.Range range : entry.getRanges().getRangeList()) {
                if (range.getBegin() <= port && port <= range.getEnd()) {
                    return entry;
                }
            }
        }
        return null;
    }

    private static long countPorts(List<Resource> entries) {
        long count = 0;
        for (Resource entry : entries) {
            for (Value.Range range : entry.getRanges().getRangeList()) {
                count += range.getEnd() - range.getBegin() + 1;
            }
        }
        return count;
    }
}

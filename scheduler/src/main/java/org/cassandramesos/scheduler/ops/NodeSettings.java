package org.cassandramesos.scheduler.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Seed 003 {@code set} keys that make sense for a Cassandra node: {@code tags} (space-separated) and
 * {@code user:<name>} (operator's key/values). The others of seed 003 (cpu, name, persistent, password)
 * are the config's business here. An empty value removes the key. Pure.
 */
public final class NodeSettings {
    private static final Pattern USER_KEY = Pattern.compile("user:[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_VALUE = 1024;
    private static final int MAX_KEYS = 64;
    /** A node's stored settings together (UTF-8 bytes of keys and values): far below ZooKeeper's 1 MB per znode. */
    public static final int MAX_TOTAL_BYTES = 32 * 1024;

    private NodeSettings() {}

    /** @throws IllegalArgumentException naming the bad key or value */
    public static Map<String, String> validate(Map<String, String> asked) {
        if (asked.isEmpty()) {
            throw new IllegalArgumentException("nothing to set: give tags and/or user:<name> keys");
        }
        if (asked.size() > MAX_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_KEYS + " keys at once");
        }
        Map<String, String> valid = new LinkedHashMap<>();
        asked.forEach((key, value) -> {
            if (!"tags".equals(key) && !USER_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("unknown key '" + key + "': tags and user:<name> can be set");
            }
            String v = value == null ? "" : value;
            if (v.length() > MAX_VALUE || v.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("value of '" + key + "' must be at most " + MAX_VALUE
                        + " characters without control characters");
            }
            valid.put(
                    key,
                    "tags".equals(key)
                            ? String.join(" ", v.trim().split("\\s+")).trim()
                            : v);
        });
        return valid;
    }

    /**
     * The settings a node would hold after a {@code set}, checked as a whole: calls add up, and the node's control
     * znode must stay small.
     *
     * @throws IllegalArgumentException past {@link #MAX_TOTAL_BYTES}
     */
    public static Map<String, String> requireWithinTotal(Map<String, String> merged) {
        long bytes = 0;
        for (Map.Entry<String, String> entry : merged.entrySet()) {
            bytes += entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException("the node's settings would hold " + bytes + " bytes, more than the "
                    + MAX_TOTAL_BYTES + " allowed in total; remove some first (an empty value removes a key)");
        }
        return merged;
    }
}

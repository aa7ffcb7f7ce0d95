package org.cassandramesos.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides values that look secret (by key name) before configuration leaves a process: the node API's configuration
 * and status, and the scheduler's stored configs ({@code cassandra.yaml} overrides). One rule for both.
 */
public final class Secrets {
    public static final String REDACTED = "<redacted>";
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(password|secret|token|credential|private_key|access_key).*");

    private Secrets() {}

    /** A deep copy with every value under a secret-looking key replaced. */
    public static Map<String, Object> redact(Map<String, ?> settings) {
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((key, value) ->
                copy.put(key, SECRET_KEY.matcher(key).matches() && value != null ? REDACTED : redactValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(redactValue(item)));
            return copy;
        }
        return value;
    }
}

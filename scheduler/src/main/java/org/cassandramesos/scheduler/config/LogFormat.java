package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the scheduler and the executors write their logs ({@code LOG_FORMAT}, docs/configuration.md): {@code text}
 * (default) or {@code json}, one JSON object per line for log shippers.
 */
public enum LogFormat {
    TEXT("text"),
    JSON("json");

    private final String value;

    LogFormat(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static LogFormat parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown log format '" + text + "', expected one of "
                        + Arrays.stream(values()).map(LogFormat::value).collect(Collectors.joining(", "))));
    }
}

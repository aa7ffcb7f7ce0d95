package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the REST API authenticates callers. {@code none} is an explicit opt-out. */
public enum AuthMode {
    TOKEN("token"),
    DCOS_JWT("dcos-jwt"),
    NONE("none");

    private final String value;

    AuthMode(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static AuthMode parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(mode -> mode.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown auth mode '" + text + "', expected one of "
                        + Arrays.stream(values()).map(AuthMode::value).collect(Collectors.joining(", "))));
    }
}

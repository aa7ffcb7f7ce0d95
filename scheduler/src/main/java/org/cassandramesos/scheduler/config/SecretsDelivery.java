package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How executors get their secrets (docs/secrets.md). {@code message}: sealed to the executor's ephemeral key in a
 * framework message, on any Mesos. {@code secret-store}: a Mesos SECRET environment variable referencing
 * {@code <service>/node-api-token}, which only an agent with a secret resolver (DC/OS Enterprise) can launch.
 */
public enum SecretsDelivery {
    MESSAGE("message"),
    SECRET_STORE("secret-store");

    private final String value;

    SecretsDelivery(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static SecretsDelivery parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(mode -> mode.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown secrets delivery '" + text
                        + "', expected one of "
                        + Arrays.stream(values()).map(SecretsDelivery::value).collect(Collectors.joining(", "))));
    }
}

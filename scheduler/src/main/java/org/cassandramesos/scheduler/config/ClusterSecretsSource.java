package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the secrets every node shares (node API token, CQL superuser password) come from (docs/secrets.md).
 * {@code environment}: {@code NODE_API_TOKEN} and {@code CQL_SUPERUSER_PASSWORD} of the scheduler, e.g. from the DC/OS
 * secret store. {@code generated}: the scheduler makes them on the first install and the nodes keep them, for
 * clusters without a secret store.
 */
public enum ClusterSecretsSource {
    ENVIRONMENT("environment"),
    GENERATED("generated");

    private final String value;

    ClusterSecretsSource(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static ClusterSecretsSource parse(String text) {
        String wanted =
                text == null || text.isBlank() ? ENVIRONMENT.value : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(source -> source.value.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown CLUSTER_SECRETS '" + text + "', expected one "
                        + "of "
                        + Arrays.stream(values())
                                .map(ClusterSecretsSource::value)
                                .collect(Collectors.joining(", "))));
    }
}

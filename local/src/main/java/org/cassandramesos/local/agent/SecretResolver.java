package org.cassandramesos.local.agent;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Secret;

/**
 * The agent's secret resolver, in one of two profiles:
 *
 * <ul>
 *   <li>{@link #stock()}: open-source Mesos 1.11's {@code DefaultSecretResolver} ({@code src/secret/resolver.cpp:49-53}):
 *       a REFERENCE fails with "Default secret resolver cannot resolve references", a VALUE without data with "Secret
 *       has no value". The agent then fails the task with {@code REASON_CONTAINER_LAUNCH_FAILED} and "Failed to launch
 *       container: " + that ({@code src/slave/slave.cpp:6990-6997}).</li>
 *   <li>{@link #enterprise}: DC/OS Enterprise, with a secret store: REFERENCE secrets are looked up by name.</li>
 * </ul>
 *
 * Values go only into the executor's environment, never into logs or master state.
 */
public final class SecretResolver {
    /** The failure of open-source Mesos's default resolver, word for word. */
    public static final String CANNOT_RESOLVE_REFERENCES = "Default secret resolver cannot resolve references";

    private final Optional<Map<String, String>> store;

    private SecretResolver(Optional<Map<String, String>> store) {
        this.store = store;
    }

    /** A stock open-source agent: no secret store. */
    public static SecretResolver stock() {
        return new SecretResolver(Optional.empty());
    }

    /** A DC/OS Enterprise agent whose secret store holds {@code secrets}. */
    public static SecretResolver enterprise(Map<String, String> secrets) {
        return new SecretResolver(Optional.of(Map.copyOf(secrets)));
    }

    /** The secret's value; IllegalArgumentException with the agent's reason when it cannot be resolved. */
    public String resolve(Secret secret) {
        if (secret.hasReference()) {
            if (store.isEmpty()) {
                throw new IllegalArgumentException(CANNOT_RESOLVE_REFERENCES);
            }
            String name = secret.getReference().getName();
            String value = store.get().get(name);
            if (value == null) {
                throw new IllegalArgumentException("secret '" + name + "' not found in the agent's secret store");
            }
            return value;
        }
        if (!secret.hasValue()) {
            throw new IllegalArgumentException("Secret has no value");
        }
        return secret.getValue().getData().toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return store.map(s -> "SecretResolver(secret store " + s.keySet() + ")").orElse("SecretResolver(stock)");
    }
}

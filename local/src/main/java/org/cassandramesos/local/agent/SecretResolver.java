package org.cassandramesos.local.agent;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.mesos.v1.Protos.Secret;

/**
 * The agent's secret store, as DC/OS Enterprise's resolver: REFERENCE secrets are looked up by name,
 * VALUE secrets carry their data. Values go only into the executor's environment, never into logs or
 * master state.
 */
public final class SecretResolver {
    private final Map<String, String> secrets;

    public SecretResolver(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    public static SecretResolver none() {
        return new SecretResolver(Map.of());
    }

    /** The secret's value; IllegalArgumentException for a reference the store does not hold. */
    public String resolve(Secret secret) {
        if (secret.getType() == Secret.Type.VALUE) {
            return secret.getValue().getData().toString(StandardCharsets.UTF_8);
        }
        String name = secret.getReference().getName();
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalArgumentException("secret '" + name + "' not found in the agent's secret store");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SecretResolver(" + secrets.keySet() + ")";
    }
}

package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Marathon app's {@code env} as its task gets it. Plain values as given; a secret reference
 * ({@code "X": {"secret": "name"}} with {@code "secrets": {"name": {"source": "path"}}}) resolved from the DC/OS
 * Enterprise secret store, as Marathon's secrets plugin does. Without a store (open DC/OS, stock Marathon) an app that
 * references a secret is refused, as Marathon refuses it while its {@code secrets} feature is off. Errors name the
 * variable and the path, never a value.
 */
final class MarathonSecrets {
    private MarathonSecrets() {}

    static Map<String, String> environment(JsonNode app, Optional<Map<String, String>> secretStore) {
        JsonNode secrets = app.path("secrets");
        if (secretStore.isEmpty() && !secrets.isMissingNode() && !secrets.isEmpty()) {
            throw new IllegalArgumentException("the app declares secrets " + names(secrets)
                    + " but this cluster has no secret store (Marathon: feature secrets is not enabled)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = app.path("env").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            JsonNode value = variable.getValue();
            if (value.isTextual()) {
                env.put(variable.getKey(), value.asText());
            } else if (value.isObject() && value.path("secret").isTextual()) {
                env.put(
                        variable.getKey(),
                        resolve(
                                variable.getKey(),
                                value.path("secret").asText(),
                                secrets,
                                secretStore.orElseThrow(() -> new IllegalArgumentException(variable.getKey()
                                        + " references a secret but this cluster has no secret store"))));
            } else {
                throw new IllegalArgumentException(
                        "env " + variable.getKey() + " is neither a string nor a secret reference");
            }
        }
        return env;
    }

    /** Whether the app references any secret (a {@code secrets} entry or an env secret reference). */
    static boolean referencesSecrets(JsonNode app) {
        if (!app.path("secrets").isMissingNode() && !app.path("secrets").isEmpty()) {
            return true;
        }
        for (JsonNode value : app.path("env")) {
            if (value.isObject()) {
                return true;
            }
        }
        return false;
    }

    private static String resolve(String variable, String name, JsonNode secrets, Map<String, String> store) {
        JsonNode source = secrets.path(name).path("source");
        if (!source.isTextual()) {
            throw new IllegalArgumentException(
                    variable + " references secret " + name + ", which the app's secrets do not declare");
        }
        String value = store.get(source.asText());
        if (value == null) {
            throw new IllegalArgumentException(variable + ": the secret store has nothing at " + source.asText());
        }
        return value;
    }

    private static String names(JsonNode secrets) {
        StringBuilder names = new StringBuilder();
        secrets.fieldNames()
                .forEachRemaining(
                        name -> names.append(names.length() == 0 ? "" : ", ").append(name));
        return "[" + names + "]";
    }
}

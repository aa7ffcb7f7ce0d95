package org.cassandramesos.universe;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import java.util.Map;

/**
 * Renders marathon.json.mustache as Cosmos does: the effective options plus {@code resource} (resource.json) as
 * the scope; an empty string is false in sections; a missing variable is an error rather than an empty value; values
 * are escaped as the inside of a JSON string, not as HTML (Cosmos' {@code PackageDefinitionRenderer} turns HTML
 * escaping off and pre-escapes string values as JSON), so {@code "}, {@code \}, newlines and {@code <>&} reach
 * Marathon exactly as given.
 */
public final class MarathonAppRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Mustache.Compiler COMPILER =
            Mustache.compiler().emptyStringIsFalse(true).withEscaper(MarathonAppRenderer::jsonStringContent);

    private MarathonAppRenderer() {}

    public static String render(String template, JsonNode effectiveOptions, JsonNode resource) {
        ObjectNode scope = effectiveOptions.deepCopy();
        scope.set("resource", resource);
        Map<String, Object> context = JSON.convertValue(scope, new TypeReference<Map<String, Object>>() {});
        return COMPILER.compile(template).execute(context);
    }

    /** {@code value} as it appears between the quotes of a JSON string. */
    static String jsonStringContent(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Renders and parses; a template that yields invalid JSON fails here. */
    public static JsonNode renderJson(String template, JsonNode effectiveOptions, JsonNode resource) {
        try {
            return JSON.readTree(render(template, effectiveOptions, resource));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("marathon.json.mustache did not render to JSON: " + e.getMessage(), e);
        }
    }
}

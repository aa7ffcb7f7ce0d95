package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cassandramesos.apibounds.JsonInput;

/** The body of {@code POST /v1/nodes/{node}/set}: a JSON object of strings, or a form ({@code tags=a+b&user:k=v}). */
final class SettingsBody {
    private static final ObjectMapper JSON = JsonInput.strictMapper();

    private SettingsBody() {}

    static Map<String, String> parse(String contentType, String body) {
        String text = body == null ? "" : body.strip();
        boolean json = contentType != null ? contentType.toLowerCase().contains("json") : text.startsWith("{");
        return json ? json(text) : form(text);
    }

    private static Map<String, String> json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(JsonInput.describe(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("the body cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a JSON object of key/value strings is required");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            // strings only: a number or boolean is not silently turned into one
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "value of '" + field.getKey() + "' must be a string (an empty string removes the key)");
            }
            values.put(field.getKey(), field.getValue().textValue());
        });
        return values;
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int at = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
                String value = at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
                values.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the form is not URL-encoded (a % not followed by two hex digits)");
            }
        }
        return values;
    }
}

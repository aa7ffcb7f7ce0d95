package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** What Cosmos does with a package's options: take the schema's defaults and lay the user's options over them. */
public final class PackageOptions {
    private PackageOptions() {}

    /** The object of every {@code default} in a config.json schema, nested like its {@code properties}. */
    public static ObjectNode defaults(JsonNode schema) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode definition = property.getValue();
            if (definition.has("default")) {
                result.set(property.getKey(), definition.get("default").deepCopy());
            } else if (definition.has("properties")) {
                result.set(property.getKey(), defaults(definition));
            }
        }
        return result;
    }

    /** {@code overrides} merged over a copy of {@code base}: objects recursively, everything else replaced. */
    public static ObjectNode merge(ObjectNode base, JsonNode overrides) {
        ObjectNode result = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = result.get(field.getKey());
            if (existing instanceof ObjectNode existingObject
                    && field.getValue().isObject()) {
                result.set(field.getKey(), merge(existingObject, field.getValue()));
            } else {
                result.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return result;
    }

    /** The options a package is rendered with: schema defaults with the user's options over them. */
    public static ObjectNode effective(JsonNode schema, JsonNode userOptions) {
        return merge(defaults(schema), userOptions);
    }
}

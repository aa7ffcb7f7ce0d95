package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which scheduler environment variables a set of package options decides, and their values: the Marathon app's
 * {@code env} as marathon.json.mustache renders it (Cosmos's rendering, {@link MarathonAppRenderer}), restricted to the
 * variables that depend on an option the user gave. A variable depends on an option when rendering with that option
 * set to another value renders the variable otherwise: the template is the one mapping, nothing here repeats it.
 *
 * <p>Options the user did not give decide nothing: an update changes what it names and keeps everything else in force
 * (Cosmos merges the new options over those the service runs with).
 */
public final class OptionsEnvironment {
    /**
     * @param variables environment variable → value, for every variable the given options decide
     * @param unmapped  given options that decide no plain environment variable (the app's own cpus/mem, its secrets,
     *                  labels): the scheduler cannot check them, and local mode cannot apply them
     */
    public record Mapping(Map<String, String> variables, List<String> unmapped) {
        public Mapping {
            variables = Map.copyOf(variables);
            unmapped = List.copyOf(unmapped);
        }
    }

    private OptionsEnvironment() {}

    static Mapping of(UniversePackage pkg, JsonNode userOptions) {
        ObjectNode effective = PackageOptions.effective(pkg.configSchema(), userOptions);
        JsonNode env = render(pkg, effective);
        Map<String, String> variables = new TreeMap<>();
        List<String> unmapped = new ArrayList<>();
        for (List<String> leaf : leaves(userOptions, new ArrayList<>(), new ArrayList<>())) {
            JsonNode otherEnv = render(pkg, withOtherValue(effective, leaf));
            boolean decidesOne = false;
            for (String name : new TreeSet<>(union(env, otherEnv))) {
                JsonNode value = env.get(name);
                if (Objects.equals(value, otherEnv.get(name))) {
                    continue;
                }
                if (value != null && value.isTextual()) {
                    variables.put(name, value.asText());
                    decidesOne = true;
                }
            }
            if (!decidesOne) {
                unmapped.add(String.join(".", leaf));
            }
        }
        return new Mapping(variables, unmapped);
    }

    private static JsonNode render(UniversePackage pkg, JsonNode options) {
        return MarathonAppRenderer.renderJson(pkg.template(), options, pkg.resource())
                .path("env");
    }

    private static List<String> union(JsonNode a, JsonNode b) {
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The paths of every value in {@code options} (objects are walked, anything else is a value). */
    private static List<List<String>> leaves(JsonNode options, List<String> path, List<List<String>> into) {
        if (options.isObject() && (path.isEmpty() || options.size() > 0)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                List<String> child = new ArrayList<>(path);
                child.add(field.getKey());
                leaves(field.getValue(), child, into);
            }
        } else {
            into.add(List.copyOf(path));
        }
        return into;
    }

    /** {@code options} with the value at {@code path} replaced by one that differs from it (same JSON type). */
    private static ObjectNode withOtherValue(ObjectNode options, List<String> path) {
        ObjectNode copy = options.deepCopy();
        ObjectNode parent = copy;
        for (String key : path.subList(0, path.size() - 1)) {
            parent = parent.with(key);
        }
        String key = path.get(path.size() - 1);
        JsonNode value = parent.get(key);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode other;
        if (value == null || value.isNull()) {
            other = nodes.textNode("x");
        } else if (value.isBoolean()) {
            other = nodes.booleanNode(!value.asBoolean());
        } else if (value.isIntegralNumber()) {
            other = nodes.numberNode(value.asLong() + 1);
        } else if (value.isNumber()) {
            other = nodes.numberNode(value.asDouble() + 1);
        } else {
            other = nodes.textNode(value.asText() + "x");
        }
        parent.set(key, other);
        return copy;
    }
}

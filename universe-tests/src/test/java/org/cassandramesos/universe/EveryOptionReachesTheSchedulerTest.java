package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every option of config.json, set alone to a value other than its default, changes the rendered app and its value
 * shows up there (an env variable, a label, a secret, the app's own cpus/mem): no option is dead or silently
 * overridden by another one (as {@code service.backup_location} once was by {@code backups.location}). Options that
 * matter only together with another (the node certificate lifetime needs TLS on) get that one too ({@link #COMPANIONS}); the value checked is still theirs.
 */
class EveryOptionReachesTheSchedulerTest {
    private static final JsonNode RESOURCE =
            UniverseFiles.json(UniverseFiles.universe().resolve("resource.json"));

    /** option → options it takes effect with (documented in config.json's descriptions). */
    private static final Map<String, String> COMPANIONS = Map.of("tls.node_cert_days", "{\"tls\":{\"enabled\":true}}");

    @TestFactory
    Stream<DynamicTest> everyOptionSetToAnotherValueReachesTheRenderedApp() throws Exception {
        JsonNode schema = UniverseFiles.configSchema();
        List<DynamicTest> tests = new ArrayList<>();
        schema.path("properties")
                .fields()
                .forEachRemaining(group -> group.getValue()
                        .path("properties")
                        .fields()
                        .forEachRemaining(option -> {
                            String name = group.getKey() + "." + option.getKey();
                            tests.add(DynamicTest.dynamicTest(
                                    name, () -> check(schema, group.getKey(), option.getKey(), option.getValue())));
                        }));
        assertThat(tests).hasSizeGreaterThan(40);
        return tests.stream();
    }

    private static void check(JsonNode schema, String group, String key, JsonNode spec) throws Exception {
        String name = group + "." + key;
        ObjectNode base = (ObjectNode) UniverseFiles.JSON.readTree(COMPANIONS.getOrDefault(name, "{}"));
        JsonNode before = render(schema, base);
        ObjectNode changed = base.deepCopy();
        JsonNode value = otherValue(spec);
        ((ObjectNode) changed.with(group)).set(key, value);

        JsonNode after = render(schema, changed);

        assertThat(after).as(name + " changes nothing in the rendered app").isNotEqualTo(before);
        if (!value.isBoolean()) {
            String text = value.isTextual() ? value.asText() : value.toString();
            List<String> leaves = new ArrayList<>();
            collect(after, leaves);
            assertThat(leaves)
                    .as(name + "=" + text + " appears in the rendered app")
                    .anySatisfy(leaf -> assertThat(leaf).contains(text));
        }
    }

    private static JsonNode render(JsonNode schema, JsonNode user) {
        return MarathonAppRenderer.renderJson(
                UniverseFiles.template(), PackageOptions.effective(schema, user), RESOURCE);
    }

    /** A valid value other than the default: another enum member, the other boolean, a number one step away, a string. */
    private static JsonNode otherValue(JsonNode spec) {
        JsonNode def = spec.path("default");
        if (spec.has("enum")) {
            for (JsonNode candidate : spec.get("enum")) {
                if (!candidate.equals(def)) {
                    return candidate;
                }
            }
        }
        switch (spec.path("type").asText()) {
            case "boolean":
                return UniverseFiles.JSON.getNodeFactory().booleanNode(!def.asBoolean());
            case "integer": {
                long next = def.asLong() + 1;
                if (spec.has("maximum") && next > spec.get("maximum").asLong()) {
                    next = def.asLong() - 1;
                }
                return UniverseFiles.JSON.getNodeFactory().numberNode(next);
            }
            case "number": {
                double next = def.asDouble() + 0.25;
                if (spec.has("maximum") && next > spec.get("maximum").asDouble()) {
                    next = def.asDouble() - 0.05;
                }
                return UniverseFiles.JSON.getNodeFactory().numberNode(next);
            }
            default: {
                String current = def.asText("");
                Pattern pattern = spec.has("pattern")
                        ? Pattern.compile(spec.get("pattern").asText())
                        : null;
                for (String candidate :
                        List.of(current.isEmpty() ? "changed-value" : current + "x", "s3://changed-bucket/x")) {
                    if (pattern == null || pattern.matcher(candidate).find()) {
                        return UniverseFiles.JSON.getNodeFactory().textNode(candidate);
                    }
                }
                throw new AssertionError("no other value for " + spec);
            }
        }
    }

    private static void collect(JsonNode node, List<String> leaves) {
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, leaves));
            node.fieldNames().forEachRemaining(leaves::add);
        } else {
            leaves.add(node.asText());
        }
    }
}

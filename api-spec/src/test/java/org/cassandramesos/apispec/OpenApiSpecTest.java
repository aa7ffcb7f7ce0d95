package org.cassandramesos.apispec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml as packaged on the classpath is internally consistent: references resolve, operations are
 * uniquely named, guarded ones document 401, every one has a success answer and declares its path
 * parameters. (That the scheduler serves exactly these routes is the scheduler's ApiContractTest.)
 */
class OpenApiSpecTest {
    private static JsonNode spec;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OpenApiSpecTest.class.getResourceAsStream("/org/cassandramesos/apispec/openapi.yaml")) {
            assertThat(in).as("openapi.yaml packaged as a resource").isNotNull();
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                operations.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()))));
        return operations;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                refs.add(node.get("$ref").asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, refs));
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(spec, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(spec.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        }
    }

    @Test
    void operationIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (var op : operations()) {
            assertThat(ids.add(op.getValue().path("operationId").asText(""))).as("%s has a unique operationId", op.getKey())
                    .isTrue();
        }
    }

    @Test
    void guardedOperationsDocument401AndEveryOperationASuccess() {
        for (var op : operations()) {
            JsonNode security = op.getValue().has("security") ? op.getValue().get("security") : spec.path("security");
            Set<String> codes = new HashSet<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(codes::add);

            assertThat(codes).as("%s has a 2xx", op.getKey()).anyMatch(code -> code.startsWith("2"));
            if (!security.isEmpty()) {
                assertThat(codes).as("%s documents 401", op.getKey()).contains("401");
            }
            assertThat(op.getKey().contains("/v1/") == !security.isEmpty()).as("%s: /v1 routes, and only they, need a token", op.getKey())
                    .isTrue();
        }
    }

    @Test
    void pathParametersAreDeclared() {
        for (var op : operations()) {
            String path = op.getKey().substring(op.getKey().indexOf(' ') + 1);
            Set<String> declared = new HashSet<>();
            for (JsonNode parameter : op.getValue().path("parameters")) {
                JsonNode p = parameter.has("$ref") ? spec.at(parameter.get("$ref").asText().substring(1)) : parameter;
                if (p.path("in").asText().equals("path")) {
                    declared.add(p.path("name").asText());
                }
            }
            Set<String> inPath = new HashSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertThat(declared).as("%s declares its path parameters", op.getKey()).isEqualTo(inPath);
        }
    }
}

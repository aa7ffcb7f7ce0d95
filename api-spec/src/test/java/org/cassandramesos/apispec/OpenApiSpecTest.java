package org.cassandramesos.apispec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cassandramesos.apidocs.OpenApiDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * openapi.yaml (scheduler) and node-api.yaml (executor) as packaged on the classpath are internally consistent:
 * references resolve, operations are uniquely named, guarded ones document 401, every one has a success answer and
 * declares its path parameters, and exactly the intended routes need a token. (That the scheduler and the executor
 * serve exactly these routes is their ApiContractTest and NodeApiContractTest.)
 */
class OpenApiSpecTest {
    /** Each document with the paths that need a token: the scheduler's /v1 routes; every node API route. */
    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("openapi.yaml", (Predicate<String>) path -> path.contains("/v1/")),
                Arguments.of("node-api.yaml", (Predicate<String>) path -> true));
    }

    static Stream<String> names() {
        return documents().map(arguments -> (String) arguments.get()[0]);
    }

    private static JsonNode load(String name) {
        return OpenApiDocument.load("/org/cassandramesos/apispec/" + name);
    }

    private static List<Map.Entry<String, JsonNode>> operations(JsonNode spec) {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(op -> operations.add(
                                Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()))));
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

    @ParameterizedTest
    @MethodSource("names")
    void isOpenApi3WithOperations(String name) {
        JsonNode spec = load(name);

        assertThat(spec.path("openapi").asText()).startsWith("3.");
        assertThat(spec.path("info").path("title").asText()).isNotBlank();
        assertThat(operations(spec)).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyReferenceResolves(String name) {
        JsonNode spec = load(name);
        List<String> refs = new ArrayList<>();
        collectRefs(spec, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(spec.at(ref.substring(1)).isMissingNode())
                    .as("%s: %s resolves", name, ref)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void operationIdsAreUnique(String name) {
        Set<String> ids = new HashSet<>();
        for (var op : operations(load(name))) {
            assertThat(ids.add(op.getValue().path("operationId").asText("")))
                    .as("%s has a unique operationId", op.getKey())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void guardedOperationsDocument401AndEveryOperationASuccess(String name, Predicate<String> needsToken) {
        JsonNode spec = load(name);
        for (var op : operations(spec)) {
            JsonNode security = op.getValue().has("security") ? op.getValue().get("security") : spec.path("security");
            Set<String> codes = new HashSet<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(codes::add);

            assertThat(codes).as("%s has a 2xx", op.getKey()).anyMatch(code -> code.startsWith("2"));
            if (!security.isEmpty()) {
                assertThat(codes).as("%s documents 401", op.getKey()).contains("401");
            }
            assertThat(needsToken.test(op.getKey()) == !security.isEmpty())
                    .as("%s: %s needs a token exactly when intended", name, op.getKey())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void pathParametersAreDeclared(String name) {
        JsonNode spec = load(name);
        for (var op : operations(spec)) {
            String path = op.getKey().substring(op.getKey().indexOf(' ') + 1);
            Set<String> declared = new HashSet<>();
            for (JsonNode parameter : op.getValue().path("parameters")) {
                JsonNode p = parameter.has("$ref")
                        ? spec.at(parameter.get("$ref").asText().substring(1))
                        : parameter;
                if (p.path("in").asText().equals("path")) {
                    declared.add(p.path("name").asText());
                }
            }
            Set<String> inPath = new HashSet<>();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertThat(declared)
                    .as("%s declares its path parameters", op.getKey())
                    .isEqualTo(inPath);
        }
    }
}

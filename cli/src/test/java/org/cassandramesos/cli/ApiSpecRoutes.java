package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The operations of api-spec/openapi.yaml as (method, path pattern, required query parameters). */
final class ApiSpecRoutes {
    record Operation(String method, Pattern path, List<String> requiredQuery) {}

    private final List<Operation> operations = new ArrayList<>();

    static ApiSpecRoutes load(Path openApiYaml) {
        try {
            return new ApiSpecRoutes(new ObjectMapper(new YAMLFactory()).readTree(openApiYaml.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiSpecRoutes(JsonNode spec) {
        JsonNode sharedParameters = spec.path("components").path("parameters");
        spec.path("paths").fields().forEachRemaining(path -> {
            Pattern pattern = Pattern.compile("^" + path.getKey().replaceAll("\\{[^}]+}", "[^/]+") + "$");
            path.getValue().fields().forEachRemaining(operation -> {
                List<String> required = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    JsonNode resolved = parameter.has("$ref")
                            ? sharedParameters.path(
                                    parameter.get("$ref").asText().replace("#/components/parameters/", ""))
                            : parameter;
                    if (resolved.path("in").asText().equals("query")
                            && resolved.path("required").asBoolean()) {
                        required.add(resolved.path("name").asText());
                    }
                }
                operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), pattern, required));
            });
        });
    }

    /** Whether the spec has an operation for this method and path whose required query parameters are all sent. */
    boolean allows(String method, String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        List<String> sent =
                List.of(query.split("&")).stream().map(p -> p.split("=", 2)[0]).toList();
        return operations.stream()
                .anyMatch(op -> op.method().equals(method)
                        && op.path().matcher(path).matches()
                        && sent.containsAll(op.requiredQuery()));
    }

    boolean isEmpty() {
        return operations.isEmpty();
    }
}

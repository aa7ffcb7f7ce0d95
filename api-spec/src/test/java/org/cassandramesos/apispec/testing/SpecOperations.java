package org.cassandramesos.apispec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The contract tests' two sides in one comparable form: the operations an OpenAPI document specifies and the routes
 * a Jersey application serves, each as {@code METHOD /path/{}} (parameter names and regexes do not matter).
 */
public final class SpecOperations {
    private SpecOperations() {}

    /** One operation of {@code spec}. */
    public record Operation(String method, String path, JsonNode definition, JsonNode spec) {
        public Set<String> documentedCodes() {
            Set<String> codes = new HashSet<>();
            definition.path("responses").fieldNames().forEachRemaining(codes::add);
            return codes;
        }

        /** The documented response for {@code status}, missing if it is not documented. */
        public JsonNode response(int status) {
            return resolve(spec, definition.path("responses").path(String.valueOf(status)));
        }

        /** Whether a token is required: the operation's own {@code security}, else the document's. */
        public boolean needsToken() {
            JsonNode security = definition.has("security") ? definition.get("security") : spec.path("security");
            return !security.isEmpty();
        }

        /** A concrete request: path parameters and required query parameters filled by {@code valueOf}. */
        public String example(Function<JsonNode, String> valueOf) {
            StringBuilder query = new StringBuilder();
            String concrete = path;
            for (JsonNode reference : definition.path("parameters")) {
                JsonNode parameter = resolve(spec, reference);
                String name = parameter.path("name").asText();
                if (parameter.path("in").asText().equals("path")) {
                    concrete = concrete.replace("{" + name + "}", valueOf.apply(parameter));
                } else if (parameter.path("required").asBoolean()) {
                    query.append(query.length() == 0 ? "?" : "&")
                            .append(name)
                            .append('=')
                            .append(URLEncoder.encode(valueOf.apply(parameter), StandardCharsets.UTF_8));
                }
            }
            return concrete + query;
        }

        public String route() {
            return normalized(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The node a {@code $ref} points to in {@code spec}, or the node itself. */
    public static JsonNode resolve(JsonNode spec, JsonNode node) {
        return node.has("$ref") ? spec.at(node.get("$ref").asText().substring(1)) : node;
    }

    /**
     * A representative valid value for {@code parameter}: {@code byName}'s for its name, else the parameter's example,
     * its enum's first value, a UUID for a uuid, else {@code x}.
     */
    public static String exampleValue(JsonNode spec, JsonNode parameter, Map<String, String> byName) {
        JsonNode schema = resolve(spec, parameter.path("schema"));
        String name = parameter.path("name").asText();
        if (byName.containsKey(name)) {
            return byName.get(name);
        }
        if (parameter.has("example")) {
            return parameter.get("example").asText();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        if ("uuid".equals(schema.path("format").asText())) {
            return "00000000-0000-4000-8000-000000000000";
        }
        return "x";
    }

    public static List<Operation> of(JsonNode spec) {
        List<Operation> operations = new ArrayList<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(op -> operations.add(new Operation(
                                op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue(), spec))));
        return operations;
    }

    public static Set<String> specifiedRoutes(JsonNode spec) {
        Set<String> routes = new TreeSet<>();
        of(spec).forEach(op -> routes.add(op.route()));
        return routes;
    }

    /** Every route the resources registered in {@code config} serve. */
    public static Set<String> servedRoutes(ResourceConfig config) {
        List<Class<?>> types = new ArrayList<>(config.getClasses());
        config.getInstances().forEach(instance -> types.add(instance.getClass()));
        Set<String> served = new TreeSet<>();
        for (Class<?> type : types) {
            if (type.isAnnotationPresent(Path.class)) {
                collect(Resource.from(type), "", served);
            }
        }
        return served;
    }

    /** {@code METHOD /path/{}}: parameter names and regexes do not matter for matching. */
    public static String normalized(String method, String path) {
        String clean = ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]*}", "{}");
        return method + " "
                + (clean.length() > 1 && clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean);
    }

    /** The elements of {@code a} not in {@code b}. */
    public static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static void collect(Resource resource, String parent, Set<String> routes) {
        String path = parent + "/" + (resource.getPath() == null ? "" : resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(normalized(method.getHttpMethod(), path));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, routes);
        }
    }
}

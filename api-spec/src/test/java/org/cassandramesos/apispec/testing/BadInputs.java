package org.cassandramesos.apispec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Bad requests generated from an OpenAPI document: for every operation, each path and query parameter replaced by odd
 * values (those its schema does not allow) or left out when required; each JSON request body with wrong types, missing
 * required fields, unknown fields, wrong root types and malformed text; each form body malformed; every body
 * larger than the limit (with a Content-Length, and chunked); bodies in other content types. Everything else in a
 * request is valid, so the one bad part is what gets refused. A route added to the document is covered with no
 * change here.
 */
public final class BadInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Names and values an API must refuse where a name is expected (unless the parameter's schema allows them). */
    public static final List<String> ODD_NAMES = List.of(
            "_status",
            "..",
            "a/b",
            "a".repeat(200),
            "ünï-😀",
            "",
            ".",
            "-x",
            "a b",
            "x;y",
            "%00",
            "\\",
            "node-0/../node-1");

    /** One request to try. {@code chunked}: sent without a Content-Length. */
    public record BadInput(
            String operation,
            String what,
            String method,
            String path,
            String contentType,
            byte[] body,
            boolean chunked,
            boolean bodyMutation) {
        @Override
        public String toString() {
            return operation + " [" + what + "] " + method + " " + path
                    + (contentType == null ? "" : " (" + contentType + (chunked ? ", chunked" : "") + ")");
        }
    }

    private final JsonNode spec;
    private final Map<String, String> validValues;
    private final int bodyLimitBytes;
    private final int fileLimitBytes;
    private final List<Pattern> routes = new ArrayList<>();

    /**
     * @param validValues    a valid value per parameter name where the document gives no example or enum
     * @param bodyLimitBytes the request body limit of the app under test
     * @param fileLimitBytes the limit of binary (file) bodies
     */
    public BadInputs(JsonNode spec, Map<String, String> validValues, int bodyLimitBytes, int fileLimitBytes) {
        this.spec = spec;
        this.validValues = validValues;
        this.bodyLimitBytes = bodyLimitBytes;
        this.fileLimitBytes = fileLimitBytes;
        spec.path("paths").fieldNames().forEachRemaining(template -> routes.add(route(template)));
    }

    /** The URLs a route template matches ({@code {path}} spans segments; a trailing slash is the same route). */
    private static Pattern route(String template) {
        StringBuilder regex = new StringBuilder();
        java.util.regex.Matcher parameter = Pattern.compile("\\{([^}]+)}").matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start())))
                    .append(parameter.group(1).equals("path") ? ".+" : "[^/]+");
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append("/?");
        return Pattern.compile(regex.toString());
    }

    /** Whether an odd value turned the URL into another route's (e.g. {@code /v1/backups/_status}, {@code /v1/plans/}). */
    private boolean routedElsewhere(String template, String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String decoded = java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        for (int i = 0; i < routes.size(); i++) {
            Pattern other = routes.get(i);
            // a literal route (/v1/backups/_status) wins over a template's ({name}), as in Jersey
            if (!other.pattern().equals(route(template).pattern())
                    && (other.matcher(path).matches() || other.matcher(decoded).matches())) {
                return true;
            }
        }
        return false;
    }

    /** Every operation of the document that takes a body or parameters, as {@code METHOD /path}. */
    public List<String> operationsWithInput() {
        List<String> operations = new ArrayList<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    JsonNode definition = op.getValue();
                    if (definition.has("requestBody") || !parameters(definition).isEmpty()) {
                        operations.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return operations;
    }

    public List<BadInput> all() {
        List<BadInput> inputs = new ArrayList<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(op -> generate(
                                op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue(), inputs::add)));
        return inputs;
    }

    private void generate(String method, String template, JsonNode definition, Consumer<BadInput> out) {
        String operation = method + " " + template;
        List<JsonNode> parameters = parameters(definition);
        Map<String, String> valid = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            valid.put(parameter.path("name").asText(), validValue(parameter));
        }
        // one parameter bad at a time, the others valid
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (!in.equals("path") && !in.equals("query")) {
                continue; // headers (If-None-Match) only qualify a valid request
            }
            for (String odd : oddValues(parameter)) {
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(name, odd);
                String url = url(template, parameters, values, null);
                if (!routedElsewhere(template, url)) {
                    out.accept(new BadInput(
                            operation, in + " " + name + "=" + printable(odd), method, url, null, null, false, false));
                }
            }
            if (in.equals("query") && parameter.path("required").asBoolean()) {
                out.accept(new BadInput(
                        operation,
                        "query " + name + " missing",
                        method,
                        url(template, parameters, valid, name),
                        null,
                        null,
                        false,
                        false));
            }
        }
        boolean sendsBodies = method.equals("PUT") || method.equals("POST");
        if (!sendsBodies) {
            return;
        }
        JsonNode content = resolve(definition.path("requestBody")).path("content");
        // a body's bad part is only what a request with every path value the document allows gets refused for
        for (String path : urlsForEveryEnumValue(template, parameters, valid)) {
            String binaryType = null;
            if (content.isMissingNode() || content.isEmpty()) {
                // a route that takes no body still refuses one past the limit, before it acts
                oversize(operation, method, path, "application/json", bodyLimitBytes, out);
                continue;
            }
            for (var type : iterable(content.fieldNames())) {
                JsonNode schema = resolve(content.path(type).path("schema"));
                if (type.contains("json")) {
                    jsonBodies(operation, method, path, type, schema, out);
                    otherContentTypes(operation, method, path, out);
                } else if (type.contains("x-www-form-urlencoded")) {
                    for (String form : List.of(
                            "=", "&&&", "%ZZ=1", "tags=%ZZ", "bogus=x", "", "user:=x", "tags=" + "a".repeat(2000))) {
                        out.accept(body(operation, "form " + printable(form), method, path, type, form));
                    }
                } else {
                    binaryType = type;
                }
            }
            String limitType =
                    binaryType != null ? binaryType : content.fieldNames().next();
            oversize(operation, method, path, limitType, binaryType != null ? fileLimitBytes : bodyLimitBytes, out);
        }
    }

    private void jsonBodies(
            String operation, String method, String path, String type, JsonNode schema, Consumer<BadInput> out) {
        for (String malformed : List.of(
                "{",
                "{\"a\":",
                "not json",
                "{'a': 1}",
                "{\"a\":1}{}",
                "{\"a\":1,}",
                "\uFEFF{}x",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":" + "1".repeat(5000) + "e99999999}",
                "")) {
            out.accept(body(operation, "malformed " + printable(malformed), method, path, type, malformed));
        }
        for (String root : List.of("[]", "\"x\"", "5", "true", "null", "[{}]")) {
            out.accept(body(operation, "root " + root, method, path, type, root));
        }
        List<JsonNode> alternatives = new ArrayList<>();
        if (schema.has("oneOf")) {
            schema.get("oneOf").forEach(alternative -> alternatives.add(resolve(alternative)));
        } else {
            alternatives.add(schema);
        }
        for (JsonNode alternative : alternatives) {
            objectMutations(alternative, (what, json) -> out.accept(body(operation, what, method, path, type, json)));
        }
    }

    /** Mutations of a valid object of {@code schema}, each wrong in one way. */
    private void objectMutations(JsonNode schema, java.util.function.BiConsumer<String, String> out) {
        ObjectNode base = validObject(schema);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty() || schema.has("additionalProperties") && !schema.has("properties")) {
            out.accept("missing required fields", "{}");
        }
        for (String field : required) {
            ObjectNode copy = base.deepCopy();
            copy.remove(field);
            out.accept("missing " + field, copy.toString());
        }
        JsonNode additional = schema.path("additionalProperties");
        if (!additional.isObject()) {
            ObjectNode copy = base.deepCopy();
            copy.put("unknown_field", "x");
            out.accept("unknown field", copy.toString());
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            String name = property.getKey();
            boolean isRequired = required.contains(name);
            for (var wrong :
                    wrongValues(resolve(property.getValue()), isRequired).entrySet()) {
                ObjectNode copy = base.deepCopy();
                copy.set(name, wrong.getValue());
                out.accept(name + " " + wrong.getKey(), copy.toString());
            }
        });
        if (additional.isObject()) {
            // a free-form map: every value of a wrong type, under a known-good key
            String key = base.fieldNames().hasNext() ? base.fieldNames().next() : "tags";
            for (var wrong : wrongValues(resolve(additional), true).entrySet()) {
                ObjectNode copy = NODES.objectNode();
                copy.set(key, wrong.getValue());
                out.accept("value of " + key + " " + wrong.getKey(), copy.toString());
            }
            out.accept("unknown key", "{\"bogus_key\":\"x\"}");
        }
    }

    /** Values {@code schema} does not allow, by what is wrong with them. */
    private Map<String, JsonNode> wrongValues(JsonNode schema, boolean required) {
        Map<String, JsonNode> wrong = new LinkedHashMap<>();
        String type = schema.path("type").asText();
        if (!type.equals("integer") && !type.equals("number")) {
            wrong.put("a number", NODES.numberNode(5));
            wrong.put("a float", NODES.numberNode(1.5));
        }
        if (!type.equals("boolean")) {
            wrong.put("a boolean", NODES.booleanNode(true));
        }
        if (!type.equals("string")) {
            wrong.put("a string", NODES.textNode("x"));
        }
        if (!type.equals("object")) {
            wrong.put("an object", NODES.objectNode());
        }
        if (!type.equals("array")) {
            wrong.put("a list", NODES.arrayNode().add("x"));
        }
        if (required) {
            wrong.put("null", NODES.nullNode());
        }
        if (type.equals("string") && schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.get("pattern").asText());
            for (String odd : ODD_NAMES) {
                if (!pattern.matcher(odd).find()) {
                    wrong.put("'" + printable(odd) + "'", NODES.textNode(odd));
                }
            }
        }
        if (type.equals("array")) {
            JsonNode items = resolve(schema.path("items"));
            for (var item : wrongValues(items, true).entrySet()) {
                ArrayNode list = NODES.arrayNode();
                list.add(item.getValue());
                wrong.put("with an item that is " + item.getKey(), list);
            }
        }
        return wrong;
    }

    /** An object with every required property (and every property of a free-form map's example) valid. */
    private ObjectNode validObject(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        JsonNode example = schema.path("example");
        if (example.isObject()) {
            return example.deepCopy();
        }
        schema.path("required").forEach(required -> {
            JsonNode property = resolve(schema.path("properties").path(required.asText()));
            object.set(required.asText(), validValue(property, required.asText()));
        });
        return object;
    }

    private JsonNode validValue(JsonNode schema, String name) {
        if (schema.has("example")) {
            return schema.get("example");
        }
        return switch (schema.path("type").asText()) {
            case "array" -> NODES.arrayNode().add(validValue(resolve(schema.path("items")), name));
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "object" -> NODES.objectNode();
            default -> NODES.textNode(validValues.getOrDefault(name, "nightly"));
        };
    }

    private void otherContentTypes(String operation, String method, String path, Consumer<BadInput> out) {
        out.accept(body(
                operation, "XML instead of JSON", method, path, "application/xml", "<start><nodes>*</nodes></start>"));
        out.accept(body(
                operation,
                "XML entity",
                method,
                path,
                "application/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
        out.accept(body(operation, "plain text", method, path, "text/plain", "nodes=*"));
        out.accept(body(
                operation, "form instead of JSON", method, path, "application/x-www-form-urlencoded", "nodes=%2A&x"));
        out.accept(new BadInput(
                operation,
                "binary",
                method,
                path,
                "application/octet-stream",
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80},
                false,
                true));
        out.accept(body(operation, "multipart", method, path, "multipart/form-data; boundary=b", "--b\r\nx\r\n--b--"));
        out.accept(new BadInput(
                operation,
                "invalid UTF-8 in JSON",
                method,
                path,
                "application/json",
                new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'},
                false,
                true));
        out.accept(body(operation, "made-up content type", method, path, "application/x-nonsense", "{}"));
    }

    /** One byte past the limit: declared up front, and chunked (read until it passes the limit). */
    private void oversize(
            String operation, String method, String path, String type, int limit, Consumer<BadInput> out) {
        byte[] big = new byte[limit + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        out.accept(new BadInput(operation, "oversize with Content-Length", method, path, type, big, false, true));
        out.accept(new BadInput(operation, "oversize chunked", method, path, type, big, true, true));
    }

    /** The operation's URL once per value of each enum path parameter (a body may be valid for one of them only). */
    private List<String> urlsForEveryEnumValue(String template, List<JsonNode> parameters, Map<String, String> valid) {
        List<Map<String, String>> combinations = new ArrayList<>(List.of(valid));
        for (JsonNode parameter : parameters) {
            JsonNode values = resolve(parameter.path("schema")).path("enum");
            if (!parameter.path("in").asText().equals("path") || values.isMissingNode()) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                values.forEach(value -> {
                    Map<String, String> copy = new LinkedHashMap<>(combination);
                    copy.put(parameter.path("name").asText(), value.asText());
                    next.add(copy);
                });
            }
            combinations = next;
        }
        return combinations.stream()
                .map(values -> url(template, parameters, values, null))
                .toList();
    }

    private List<String> oddValues(JsonNode parameter) {
        JsonNode schema = resolve(parameter.path("schema"));
        List<String> odd = new ArrayList<>();
        for (String value : ODD_NAMES) {
            // without an enum or pattern a parameter names something that must exist: an odd value names nothing
            boolean allowed = schema.has("enum")
                    ? contains(schema.get("enum"), value)
                    : schema.has("pattern")
                            && Pattern.compile(schema.get("pattern").asText())
                                    .matcher(value)
                                    .find();
            if (!allowed) {
                odd.add(value);
            }
        }
        return odd;
    }

    private String validValue(JsonNode parameter) {
        return SpecOperations.exampleValue(spec, parameter, validValues);
    }

    private static String url(String template, List<JsonNode> parameters, Map<String, String> values, String leaveOut) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String value = values.get(name);
            switch (parameter.path("in").asText()) {
                case "path" ->
                    path = path.replace("{" + name + "}", name.equals("path") ? encodeSegments(value) : encode(value));
                case "query" -> {
                    if (!name.equals(leaveOut)) {
                        query.append(query.length() == 0 ? "?" : "&")
                                .append(name)
                                .append('=')
                                .append(encode(value));
                    }
                }
                default -> {}
            }
        }
        return path + query;
    }

    /** A multi-segment parameter ({@code path} of a backup file) keeps its slashes. */
    private static String encodeSegments(String value) {
        List<String> segments = new ArrayList<>();
        for (String segment : value.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<JsonNode> parameters(JsonNode definition) {
        List<JsonNode> parameters = new ArrayList<>();
        definition.path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
        return parameters;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? spec.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static BadInput body(String operation, String what, String method, String path, String type, String body) {
        return new BadInput(operation, what, method, path, type, body.getBytes(StandardCharsets.UTF_8), false, true);
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " chars)" : value;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}

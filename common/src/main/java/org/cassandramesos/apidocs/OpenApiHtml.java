package org.cassandramesos.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders an OpenAPI document as one self-contained HTML page (inline CSS, no scripts, no external
 * assets): title, description, then every path and operation with its parameters and responses.
 */
public final class OpenApiHtml {
    private final JsonNode spec;

    private OpenApiHtml(JsonNode spec) {
        this.spec = spec;
    }

    public static String render(JsonNode spec) {
        return new OpenApiHtml(spec).page();
    }

    private String page() {
        StringBuilder html = new StringBuilder(16_384);
        JsonNode info = spec.path("info");
        String title =
                info.path("title").asText("API") + " " + info.path("version").asText("");
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}")
                .append("h2{border-bottom:1px solid #ccc;margin-top:2em}")
                .append(".op{margin:1em 0;padding:.5em 1em;border-left:4px solid #888;background:#f7f7f7}")
                .append(".m{font-weight:bold;font-family:monospace;text-transform:uppercase;margin-right:.5em}")
                .append("code,.p{font-family:monospace}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}")
                .append("</style></head><body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<p>")
                .append(prose(info.path("description").asText("")))
                .append("</p>\n");
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            html.append("<h2 class=\"p\" id=\"")
                    .append(escape(path.getKey()))
                    .append("\">")
                    .append(escape(path.getKey()))
                    .append("</h2>\n");
            path.getValue().fields().forEachRemaining(op -> operation(html, op.getKey(), op.getValue()));
        }
        return html.append("</body></html>\n").toString();
    }

    private void operation(StringBuilder html, String method, JsonNode op) {
        html.append("<div class=\"op\"><p><span class=\"m\">")
                .append(escape(method))
                .append("</span>")
                .append(escape(op.path("summary").asText("")))
                .append("</p>\n");
        if (op.has("description")) {
            html.append("<p>").append(prose(op.path("description").asText())).append("</p>\n");
        }
        if (op.has("security") && op.get("security").isEmpty()) {
            html.append("<p>No authentication.</p>\n");
        }
        if (op.path("parameters").size() > 0) {
            html.append("<table><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>\n");
            for (JsonNode parameter : op.path("parameters")) {
                JsonNode p = resolve(parameter);
                html.append("<tr><td><code>")
                        .append(escape(p.path("name").asText()))
                        .append("</code></td><td>")
                        .append(escape(p.path("in").asText()))
                        .append("</td><td>")
                        .append(p.path("required").asBoolean() ? "yes" : "no")
                        .append("</td><td>")
                        .append(escape(p.path("description").asText(schemaText(p.path("schema")))))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (op.has("requestBody")) {
            requestBody(html, resolve(op.get("requestBody")));
        }
        html.append("<table><tr><th>status</th><th>meaning</th></tr>\n");
        op.path("responses")
                .fields()
                .forEachRemaining(response -> html.append("<tr><td>")
                        .append(escape(response.getKey()))
                        .append("</td><td>")
                        .append(escape(
                                resolve(response.getValue()).path("description").asText()))
                        .append("</td></tr>\n"));
        html.append("</table></div>\n");
    }

    /** The body's media types with its description, and the fields of a JSON object body. */
    private void requestBody(StringBuilder html, JsonNode body) {
        html.append("<p>Request body");
        body.path("content")
                .fieldNames()
                .forEachRemaining(
                        type -> html.append(" <code>").append(escape(type)).append("</code>"));
        html.append(body.path("required").asBoolean() ? " (required)" : " (optional)");
        if (body.has("description")) {
            html.append(": ").append(prose(body.get("description").asText()));
        }
        html.append("</p>\n");
        JsonNode schema = resolve(body.path("content").path("application/json").path("schema"));
        if (schema.path("properties").size() > 0) {
            html.append("<table><tr><th>field</th><th>description</th></tr>\n");
            schema.get("properties").fields().forEachRemaining(field -> {
                JsonNode p = resolve(field.getValue());
                html.append("<tr><td><code>")
                        .append(escape(field.getKey()))
                        .append("</code></td><td>")
                        .append(prose(p.path("description").asText(schemaText(p))))
                        .append("</td></tr>\n");
            });
            html.append("</table>\n");
        }
    }

    private static String schemaText(JsonNode schema) {
        if (schema.has("enum")) {
            StringBuilder values = new StringBuilder("one of");
            schema.get("enum").forEach(v -> values.append(' ').append(v.asText()));
            return values.toString();
        }
        return schema.has("pattern")
                ? "matches " + schema.get("pattern").asText()
                : schema.path("type").asText("");
    }

    /** Follows a local {@code $ref} ({@code #/components/...}). */
    private JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        return spec.at(node.get("$ref").asText().substring(1));
    }

    /** Escaped text with Markdown {@code `code`} spans shown as code. */
    public static String prose(String text) {
        return escape(text).replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package org.cassandramesos.local.http;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for answering a {@link HttpExchange}. */
public final class Exchanges {
    private Exchanges() {}

    public static void text(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void json(HttpExchange ex, int code, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    public static void empty(HttpExchange ex, int code) throws IOException {
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }

    /**
     * Reads and decodes a call body after the v1 checks: POST only (405), a Content-Type
     * (400 when missing, 415 when neither JSON nor protobuf), a parsable body (400).
     * Answers the exchange and returns null when a check fails.
     */
    public static <T extends Message> T readCall(HttpExchange ex, Message.Builder builder) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            text(ex, 405, "Expecting 'POST', received '" + ex.getRequestMethod() + "'");
            return null;
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null) {
            text(ex, 400, "Expecting 'Content-Type' to be present");
            return null;
        }
        Encoding encoding = Encoding.ofContentType(contentType).orElse(null);
        if (encoding == null) {
            text(ex, 415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
            return null;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        try {
            return encoding.decode(body, builder);
        } catch (IllegalArgumentException e) {
            text(ex, 400, e.getMessage());
            return null;
        }
    }
}

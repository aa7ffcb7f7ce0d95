package org.cassandramesos.apibounds;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a request it refuses before any application code, e.g. "Ambiguous URI empty segment",
 * or a header too large) as the APIs' JSON {@code {"code": n, "message": "..."}} instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    protected void generateAcceptableResponse(
            Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
            throws IOException {
        byte[] body = body(code, message);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String reason) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code);
        String text = reason == null || reason.isBlank() ? HttpStatus.getMessage(code) : reason;
        answer.put("message", "the request was refused: " + text);
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

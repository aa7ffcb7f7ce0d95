package org.cassandramesos.apibounds;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds every request body of an API, whatever its type (JSON, XML, form, files), before any resource reads it:
 * a Content-Length past the limit is answered 413 at once, without reading the body; a body without one (chunked)
 * is read through a stream that throws {@link BodyTooLarge} as soon as it passes the limit (the API maps it to 413).
 * A servlet filter, so it runs before routing, authentication and entity parsing, and for every route alike.
 */
public final class RequestBodyLimit implements Filter {
    /**
     * A route's bound: how many bytes, and the setting an operator changes it with (named in the 413).
     *
     * @param streamed whether a body without a Content-Length reaches the route as a counting stream (file uploads,
     *                 whose routes spool them under their own budget); else it is read up front (at most
     *                 {@code bytes}, held in memory) and refused before routing, so even a route that never reads its
     *                 body does nothing for an oversize one
     */
    public record Limit(long bytes, String setting, boolean streamed) {
        public Limit {
            if (bytes < 1) {
                throw new IllegalArgumentException(setting + " must be at least 1 byte");
            }
            if (!streamed && bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(setting + " is too large to hold a body in memory");
            }
        }

        /** A bound whose chunked bodies are read up front. */
        public Limit(long bytes, String setting) {
            this(bytes, setting, false);
        }

        String message() {
            return "the request body is larger than the " + describe(bytes) + " allowed (" + setting + ")";
        }
    }

    /** Which limit applies to a request (by method and path, e.g. file uploads get their own). */
    @FunctionalInterface
    public interface Rule {
        Limit limitFor(String method, String path);
    }

    private final Rule rule;

    public RequestBodyLimit(Rule rule) {
        this.rule = rule;
    }

    /** The same limit for every route. */
    public static RequestBodyLimit everywhere(Limit limit) {
        return new RequestBodyLimit((method, path) -> limit);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        Limit limit = rule.limitFor(http.getMethod(), http.getRequestURI());
        long length = http.getContentLengthLong();
        if (length > limit.bytes()) {
            tooLarge(answer, limit);
            return;
        }
        if (length < 0 && !limit.streamed() && isChunked(http)) {
            byte[] body;
            try {
                body = readUpTo(http.getInputStream(), limit);
            } catch (BodyTooLarge e) {
                tooLarge(answer, limit);
                return;
            }
            chain.doFilter(new Buffered(http, body), response);
            return;
        }
        chain.doFilter(new Bounded(http, limit), response);
    }

    private static boolean isChunked(HttpServletRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank();
    }

    /** The whole body, or BodyTooLarge as soon as it passes the limit (never holding more than limit + a buffer). */
    private static byte[] readUpTo(java.io.InputStream in, Limit limit) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (body.size() + (long) n > limit.bytes()) {
                throw new BodyTooLarge(limit.message(), limit.bytes());
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static void tooLarge(HttpServletResponse answer, Limit limit) throws IOException {
        answer.setStatus(413);
        answer.setContentType("application/json");
        answer.setHeader("Connection", "close"); // the unread body is not worth draining
        byte[] body = ("{\"code\":413,\"message\":\"" + limit.message() + "\"}").getBytes(StandardCharsets.UTF_8);
        answer.setContentLength(body.length);
        answer.getOutputStream().write(body);
    }

    static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    /** The request with a body stream that counts what is read and fails past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final Limit limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }
    }

    /** The request with its body already read (a chunked body within the limit). */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;
        private ServletInputStream stream;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
                stream = new ServletInputStream() {
                    @Override
                    public int read() {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        return in.read(buffer, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("the body was already read; no asynchronous reads");
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final Limit limit;
        private long read;

        CountingStream(ServletInputStream in, Limit limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) {
            if (n > 0) {
                read += n;
                if (read > limit.bytes()) {
                    throw new BodyTooLarge(limit.message(), limit.bytes());
                }
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

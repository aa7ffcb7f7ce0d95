package org.cassandramesos.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server answering with responses recorded from the scheduler's API (DESIGN.md "REST API", seed 002).
 * A stand-in until the scheduler lands: the CLI tests check what the CLI sent and how it shows the answers.
 */
final class RecordedScheduler implements AutoCloseable {
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    record Answer(int status, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    RecordedScheduler() throws IOException {
        this(null);
    }

    /** Over HTTPS with this server context, or plain HTTP when it is null. */
    RecordedScheduler(javax.net.ssl.SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code METHOD path?query} (exactly as sent) with a status and JSON body. */
    RecordedScheduler on(String method, String pathAndQuery, int status, String body) {
        answers.put(method + " " + pathAndQuery, new ConcurrentLinkedDeque<>(List.of(new Answer(status, body))));
        return this;
    }

    /** Answers successive requests with successive bodies (status 200), the last one from then on. */
    RecordedScheduler onInTurn(String method, String pathAndQuery, String... bodies) {
        answers.put(
                method + " " + pathAndQuery,
                new ConcurrentLinkedDeque<>(
                        Arrays.stream(bodies).map(body -> new Answer(200, body)).toList()));
        return this;
    }

    String url() {
        String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(
                new Request(exchange.getRequestMethod(), pathAndQuery, Map.copyOf(exchange.getRequestHeaders()), body));
        Deque<Answer> inTurn = answers.get(exchange.getRequestMethod() + " " + pathAndQuery);
        Answer answer = inTurn == null
                ? new Answer(404, "{\"message\":\"no route " + exchange.getRequestMethod() + " " + pathAndQuery + "\"}")
                : inTurn.size() > 1 ? inTurn.poll() : inTurn.peek();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

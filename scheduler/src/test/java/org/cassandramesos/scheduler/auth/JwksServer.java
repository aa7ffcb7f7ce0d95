package org.cassandramesos.scheduler.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint serving a JWKS (public keys only) that a test can rotate or break. */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private volatile JWKSet keys = new JWKSet();
    private volatile boolean failing;
    final AtomicInteger fetches = new AtomicInteger();

    JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/acs/api/v1/auth/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = failing
                    ? "{\"code\":\"ERR_INTERNAL\"}".getBytes(StandardCharsets.UTF_8)
                    : keys.toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Serves the public halves of these keys from now on. */
    JwksServer serve(JWK... jwks) {
        keys = new JWKSet(List.of(jwks)).toPublicJWKSet();
        failing = false;
        return this;
    }

    JwksServer fail() {
        failing = true;
        return this;
    }

    URL url() throws IOException {
        return new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/acs/api/v1/auth/jwks");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.cassandramesos.local.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** Starts JDK HTTP servers whose handlers may block (event streams hold a thread each). */
public final class HttpServers {
    private HttpServers() {}

    public record Running(HttpServer server, ExecutorService threads) implements AutoCloseable {
        public InetSocketAddress address() {
            return server.getAddress();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    public static Running start(String name, InetSocketAddress address, Map<String, HttpHandler> routes)
            throws IOException {
        return start(name, address, routes, Optional.empty());
    }

    /** With {@code tls}, the server speaks https only (no downgrade to plain http). */
    public static Running start(
            String name, InetSocketAddress address, Map<String, HttpHandler> routes, Optional<SSLContext> tls)
            throws IOException {
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            server = https;
        } else {
            server = HttpServer.create(address, 64);
        }
        routes.forEach(server::createContext);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
        return new Running(server, threads);
    }
}

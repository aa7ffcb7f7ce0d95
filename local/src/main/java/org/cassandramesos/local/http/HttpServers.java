package org.cassandramesos.local.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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

    public static Running start(String name, InetSocketAddress address, Map<String, HttpHandler> routes) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
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

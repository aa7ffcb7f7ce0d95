package org.cassandramesos.local.master;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /redirect}: 307 to the leading master, which is always this one locally. */
final class RedirectEndpoint implements HttpHandler {
    private final Master master;

    RedirectEndpoint(Master master) {
        this.master = master;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String base = ex.getRequestURI().getPath().startsWith("/master") ? "/master" : "";
            ex.getResponseHeaders().set("Location", "//" + master.endpoint() + base);
            ex.sendResponseHeaders(307, -1);
        }
    }
}

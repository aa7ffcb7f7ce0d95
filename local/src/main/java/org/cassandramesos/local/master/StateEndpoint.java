package org.cassandramesos.local.master;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.cassandramesos.local.http.Exchanges;

/** {@code GET /master/state}: the master's view as JSON, shaped like Mesos' own. */
final class StateEndpoint implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Master master;

    StateEndpoint(Master master) {
        this.master = master;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                Exchanges.text(ex, 405, "Expecting 'GET'");
                return;
            }
            Exchanges.json(ex, 200, JSON.writeValueAsBytes(master.stateView().get(10, TimeUnit.SECONDS)));
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            Exchanges.text(ex, 503, "Master is not available");
        }
    }
}

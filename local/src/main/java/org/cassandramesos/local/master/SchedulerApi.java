package org.cassandramesos.local.master;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.http.Encoding;
import org.cassandramesos.local.http.EventStream;
import org.cassandramesos.local.http.Exchanges;

/** {@code POST /api/v1/scheduler}: SUBSCRIBE streams and 202 calls, with the v1 status codes. */
final class SchedulerApi implements HttpHandler {
    static final String STREAM_ID = "Mesos-Stream-Id";

    private final Master master;

    SchedulerApi(Master master) {
        this.master = master;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().endsWith("/api/v1/scheduler")) {
                Exchanges.text(ex, 404, "");
                return;
            }
            FrameworkAuthenticator credentials = master.config().credentials();
            String principal = null;
            if (credentials.enabled() && "POST".equals(ex.getRequestMethod())) {
                principal = credentials
                        .authenticate(ex.getRequestHeaders().getFirst("Authorization"))
                        .orElse(null);
                if (principal == null) {
                    master.countUnauthenticated();
                    ex.getResponseHeaders().set("WWW-Authenticate", credentials.challenge());
                    Exchanges.text(ex, 401, "");
                    return;
                }
            }
            Call call = Exchanges.readCall(ex, Call.newBuilder());
            if (call == null) return;
            if (principal != null && call.getType() == Call.Type.SUBSCRIBE && call.hasSubscribe()) {
                FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
                if (info.hasPrincipal() && !info.getPrincipal().equals(principal)) {
                    Exchanges.text(
                            ex,
                            400,
                            "Authenticated principal '" + principal + "' does not match principal '"
                                    + info.getPrincipal() + "' set in `FrameworkInfo`");
                    return;
                }
                call = call.toBuilder()
                        .setSubscribe(call.getSubscribe().toBuilder()
                                .setFrameworkInfo(info.toBuilder().setPrincipal(principal)))
                        .build();
            }
            if (call.getType() == Call.Type.SUBSCRIBE) {
                subscribe(ex, call);
            } else {
                CallResult result = master.call(call, ex.getRequestHeaders().getFirst(STREAM_ID))
                        .get(30, TimeUnit.SECONDS);
                if (result.message().isEmpty()) {
                    Exchanges.empty(ex, result.code());
                } else {
                    Exchanges.text(ex, result.code(), result.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Exchanges.text(ex, 503, "Master is not available: " + e.getMessage());
        }
    }

    private void subscribe(HttpExchange ex, Call call)
            throws IOException, ExecutionException, InterruptedException, TimeoutException {
        if (ex.getRequestHeaders().containsKey(STREAM_ID)) {
            Exchanges.text(ex, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        if (!call.hasSubscribe()) {
            Exchanges.text(ex, 400, "Expecting 'subscribe' to be present");
            return;
        }
        Encoding encoding =
                Encoding.negotiate(ex.getRequestHeaders().getFirst("Accept")).orElse(null);
        if (encoding == null) {
            Exchanges.text(ex, 406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
            return;
        }
        EventStream stream = new EventStream(UUID.randomUUID().toString(), encoding);
        String error = master.subscribe(call, stream).get(30, TimeUnit.SECONDS);
        if (error != null) {
            Exchanges.text(ex, 400, error);
            return;
        }
        ex.getResponseHeaders().set(STREAM_ID, stream.id());
        try {
            stream.pump(ex, master.config().heartbeatInterval(), Events::heartbeat);
        } catch (IOException e) {
            master.streamBroken(stream);
        }
    }
}

package org.cassandramesos.local.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cassandramesos.local.http.Encoding;
import org.cassandramesos.local.http.EventStream;
import org.cassandramesos.local.http.Exchanges;

/** {@code POST /api/v1/executor}: the executor's SUBSCRIBE stream and its 202 calls. */
final class ExecutorApi implements HttpHandler {
    private final Agent agent;

    ExecutorApi(Agent agent) {
        this.agent = agent;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().endsWith("/api/v1/executor")) {
                Exchanges.text(ex, 404, "");
                return;
            }
            Call call = Exchanges.readCall(ex, Call.newBuilder());
            if (call == null) return;
            if (call.getType() == Call.Type.SUBSCRIBE) {
                Encoding encoding = Encoding.negotiate(ex.getRequestHeaders().getFirst("Accept"))
                        .orElse(null);
                if (encoding == null) {
                    Exchanges.text(ex, 406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
                    return;
                }
                EventStream stream = new EventStream(UUID.randomUUID().toString(), encoding);
                Answer answer = agent.subscribeExecutor(call, stream).get(30, TimeUnit.SECONDS);
                if (answer.code() != 200) {
                    Exchanges.text(ex, answer.code(), answer.message());
                    return;
                }
                try {
                    stream.pump(
                            ex,
                            agent.heartbeatInterval(),
                            () -> Event.newBuilder()
                                    .setType(Event.Type.HEARTBEAT)
                                    .build());
                } catch (IOException e) {
                    // the executor went away; its process exit (if any) is handled separately
                }
            } else {
                Answer answer = agent.executorCall(call).get(30, TimeUnit.SECONDS);
                if (answer.message().isEmpty()) {
                    Exchanges.empty(ex, answer.code());
                } else {
                    Exchanges.text(ex, answer.code(), answer.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Exchanges.text(ex, 503, "Agent is not available");
        }
    }
}

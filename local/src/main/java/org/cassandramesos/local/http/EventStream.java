package org.cassandramesos.local.http;

import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cassandramesos.mesos.RecordIO;

/**
 * One open RecordIO event stream (a SUBSCRIBE response). Producers {@link #send} from any thread;
 * the HTTP handler thread that owns the exchange {@link #pump}s: it writes and flushes each record
 * at once, sends a heartbeat when idle, and returns when the stream is closed or the client is gone.
 */
public final class EventStream {
    private static final Object CLOSE = new Object();

    private final String id;
    private final Encoding encoding;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile boolean open = true;

    public EventStream(String id, Encoding encoding) {
        this.id = id;
        this.encoding = encoding;
    }

    public String id() {
        return id;
    }

    public boolean isOpen() {
        return open;
    }

    public void send(Message event) {
        if (open) queue.add(event);
    }

    /** Sends {@code last} (if any), then ends the stream. */
    public void close(Message last) {
        if (!open) return;
        if (last != null) queue.add(last);
        open = false;
        queue.add(CLOSE);
    }

    public void close() {
        close(null);
    }

    /** Writes the 200 response and events until closed; returns normally, or throws when the client went away. */
    public void pump(HttpExchange ex, Duration heartbeatInterval, Supplier<Message> heartbeat) throws IOException {
        ex.getResponseHeaders().set("Content-Type", encoding.mediaType);
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            while (true) {
                Object next = queue.poll(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (next == CLOSE) break;
                Message event = next == null ? (open ? heartbeat.get() : null) : (Message) next;
                if (event == null) continue;
                RecordIO.write(out, encoding.encode(event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open = false;
            try {
                out.close();
            } catch (IOException ignored) {
                // the client is gone already
            }
            ex.close();
        }
    }
}

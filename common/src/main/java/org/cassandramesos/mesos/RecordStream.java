package org.cassandramesos.mesos;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The body of a streaming SUBSCRIBE response, decoded into RecordIO records as chunks arrive.
 *
 * <p>Reading is asynchronous (the HTTP client pushes chunks), so a consumer can wait for the next
 * record with a timeout and {@link #cancel()} a stream that went silent: a blocking
 * {@code InputStream.read()} could not be interrupted that way.
 */
public final class RecordStream implements Flow.Subscriber<List<ByteBuffer>> {
    /** What {@link #next} returns when the stream has ended (cleanly or not). */
    public sealed interface Item permits Record, End, Timeout {}

    public record Record(byte[] bytes) implements Item {}

    /** The stream ended; {@code error} is null for a clean end of stream. */
    public record End(Throwable error) implements Item {}

    public record Timeout() implements Item {}

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final RecordIO.Decoder decoder = new RecordIO.Decoder();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final CompletableFuture<HttpResponse.ResponseInfo> responseInfo = new CompletableFuture<>();
    private volatile boolean ended;

    /**
     * A body handler that streams a 200 response into this object and collects any other
     * response's body as the error text of a single {@link End}.
     */
    public HttpResponse.BodyHandler<Void> bodyHandler() {
        return info -> {
            responseInfo.complete(info);
            if (info.statusCode() == 200) {
                return HttpResponse.BodySubscribers.fromSubscriber(this);
            }
            return HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8), body -> {
                        end(new MesosHttpException(info.statusCode(), body));
                        return null;
                    });
        };
    }

    /** Completes once the response headers have arrived. */
    public CompletableFuture<HttpResponse.ResponseInfo> responseInfo() {
        return responseInfo;
    }

    /** Waits for the next record; {@link Timeout} if none arrived in time; {@link End} once ended. */
    public Item next(long timeout, TimeUnit unit) throws InterruptedException {
        Item item = queue.poll(timeout, unit);
        if (item == null) {
            return new Timeout();
        }
        if (item instanceof End) {
            queue.add(item); // stay ended for later calls
        }
        return item;
    }

    /** Stops the stream; {@link #next} then returns {@link End}. */
    public void cancel() {
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
        responseInfo.completeExceptionally(new IllegalStateException("cancelled"));
        end(new IllegalStateException("stream cancelled"));
    }

    /** Fails the stream from outside, e.g. when the request itself could not be sent. */
    public void fail(Throwable error) {
        responseInfo.completeExceptionally(error);
        end(error);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.set(s);
        if (ended) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                for (byte[] record : decoder.feed(bytes)) {
                    queue.add(new Record(record));
                }
            }
            subscription.get().request(1);
        } catch (RecordIO.RecordIOException e) {
            subscription.get().cancel();
            end(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        end(error);
    }

    @Override
    public void onComplete() {
        end(decoder.atBoundary() ? null : new RecordIO.RecordIOException("stream ended inside a RecordIO record"));
    }

    private synchronized void end(Throwable error) {
        if (!ended) {
            ended = true;
            queue.add(new End(error));
        }
    }
}

package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a job's independent small requests (a HEAD, a GET of the manifest, ...) at once instead of one round trip after
 * another. The caller still awaits the answers in its own order, so which failure it reports first does not change.
 */
final class Concurrently {
    /** One blocking store call. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Idle threads end after a minute; the calls block on the S3 client, so not the common pool. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-call-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Concurrently() {}

    static <T> CompletableFuture<T> start(Call<T> call) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return call.call();
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                CALLS);
    }

    /** The call's result, or its own exception (an {@link IOException} or a runtime one). */
    static <T> T await(CompletableFuture<T> started) throws IOException {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}

package org.cassandramesos.executor.backup;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cassandramesos.executor.jobs.JobContext;
import org.cassandramesos.executor.jobs.JobStoppedException;

/**
 * Runs one transfer per file on a few threads: at most {@code parallelism} at once, none started after the first
 * failure or once a stop was asked (the ones under way finish; each is bounded by the S3 client's timeouts).
 */
final class ParallelTransfers {
    /** One file's work; throws with a message naming the file. */
    @FunctionalInterface
    interface Transfer<T> {
        void run(T item) throws Exception;
    }

    private ParallelTransfers() {}

    /**
     * @throws JobStoppedException when a stop left files undone
     * @throws Exception           the first transfer's failure
     */
    static <T> void run(String name, List<T> items, int parallelism, JobContext context, Transfer<T> transfer)
            throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, name + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (T item : items) {
                pool.execute(() -> {
                    if (failure.get() != null || context.stopRequested()) {
                        return;
                    }
                    try {
                        transfer.run(item);
                        completed.incrementAndGet();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // Each transfer is bounded by the client's timeouts; keep waiting for the ones under way.
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (completed.get() < items.size()) {
            throw new JobStoppedException("stopped after " + completed.get() + " of " + items.size() + " files");
        }
    }
}

package org.cassandramesos.bench.failover;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded HTTP load against one URI on this machine: open-loop at a fixed rate (each request's latency from the
 * moment it was due, so a stalled server is not hidden by the generator waiting for it) or closed-loop at the
 * server's maximum (a fixed number of clients, each sending its next request when the last one answered).
 *
 * @param target the route as the table names it
 * @param uri    a loopback address only
 * @param token  sent as {@code Authorization: token=<token>} when present
 */
record LoadRun(String target, URI uri, Optional<String> token) {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    LoadRun {
        if (!uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("load goes to loopback addresses only: " + uri);
        }
    }

    /** What one phase measured. Latencies in microseconds, sorted. */
    record Result(String target, String mode, int requests, int errors, double seconds, long[] sortedMicros) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            return percentile(sortedMicros, p) / 1000.0;
        }

        double maxMs() {
            return sortedMicros.length == 0 ? 0 : sortedMicros[sortedMicros.length - 1] / 1000.0;
        }
    }

    /** The value at quantile {@code p} (0..1] of sorted values, nearest rank (pure). */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private HttpRequest request() {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        token.ifPresent(t -> builder.header("Authorization", "token=" + t));
        return builder.build();
    }

    private static HttpClient client(ExecutorService executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** At most this many requests open at once in the open loop: one due beyond it is not sent, and counts as an error. */
    static final int MAX_IN_FLIGHT = 256;

    /**
     * {@code rate} requests per second for {@code duration}, sent when due whatever the answers do (up to
     * {@link #MAX_IN_FLIGHT} open; a server that falls that far behind is overloaded, and the rest count as errors).
     */
    Result openLoop(int rate, Duration duration) throws InterruptedException {
        int count = (int) (rate * duration.toSeconds());
        long period = 1_000_000_000L / rate;
        long[] micros = new long[count];
        AtomicInteger errors = new AtomicInteger();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            HttpClient http = client(executor);
            HttpRequest request = request();
            List<CompletableFuture<?>> sent = new ArrayList<>(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                if (!inFlight.tryAcquire()) {
                    micros[index] = (System.nanoTime() - due) / 1000;
                    errors.incrementAndGet();
                    continue;
                }
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((response, error) -> {
                            inFlight.release();
                            micros[index] = (System.nanoTime() - due) / 1000;
                            if (error != null || response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        }));
            }
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // counted per request above; a request still open after its timeout has failed
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(micros);
            return new Result(target, "open loop, " + rate + " req/s", count, errors.get(), seconds, micros);
        } finally {
            executor.shutdownNow();
        }
    }

    /** {@code clients} clients, each sending its next request on the last answer, for {@code duration}. */
    Result closedLoop(int clients, Duration duration, int maxRequests) throws InterruptedException {
        long[][] perClient = new long[clients][];
        int[] counts = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            HttpClient http = client(executor);
            HttpRequest request = request();
            for (int c = 0; c < clients; c++) {
                int client = c;
                perClient[c] = new long[maxRequests / clients];
                Thread thread = new Thread(
                        () -> {
                            while (System.nanoTime() < deadline && counts[client] < perClient[client].length) {
                                long t0 = System.nanoTime();
                                try {
                                    HttpResponse<byte[]> response =
                                            http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                    if (response.statusCode() != 200) {
                                        errors.incrementAndGet();
                                    }
                                } catch (java.io.IOException e) {
                                    errors.incrementAndGet();
                                } catch (InterruptedException e) {
                                    return;
                                }
                                perClient[client][counts[client]++] = (System.nanoTime() - t0) / 1000;
                            }
                        },
                        "load-client-" + c);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(duration.toMillis() + REQUEST_TIMEOUT.toMillis() + 5000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int total = Arrays.stream(counts).sum();
            long[] micros = new long[total];
            int at = 0;
            for (int c = 0; c < clients; c++) {
                System.arraycopy(perClient[c], 0, micros, at, counts[c]);
                at += counts[c];
            }
            Arrays.sort(micros);
            return new Result(
                    target,
                    "closed loop, " + clients + " clients (max throughput)",
                    total,
                    errors.get(),
                    seconds,
                    micros);
        } finally {
            threads.forEach(Thread::interrupt);
            executor.shutdownNow();
        }
    }
}

package org.cassandramesos.bench.localmode;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends processes this benchmark started, politely first, and says which ones outlived their parent's shutdown. */
final class ProcessStopper {
    private ProcessStopper() {}

    /** SIGTERM each, wait up to {@code graceSeconds} for all, then SIGKILL what is left. */
    static void stop(Collection<ProcessHandle> processes, long graceSeconds) throws InterruptedException {
        processes.forEach(ProcessHandle::destroy);
        awaitGone(processes, graceSeconds);
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitGone(processes, 30);
    }

    /** The ones still alive after waiting up to {@code seconds}. */
    static List<ProcessHandle> awaitGone(Collection<ProcessHandle> processes, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }
}

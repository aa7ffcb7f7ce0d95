package org.cassandramesos.bench.localmode;

import java.time.Duration;

/**
 * Cassandra nodes on this machine that the benchmark did not start (other engineers' tests): runs wait for them to
 * end, since two more JVMs on 2 cores would swamp the comparison, and the table says if the wait ran out.
 */
final class OtherCassandras {
    private OtherCassandras() {}

    static long count() {
        return ProcessHandle.allProcesses()
                .filter(p -> RssSampler.commandLine(p.pid())
                        .map(ProcessKind::of)
                        .filter(ProcessKind.CASSANDRA::equals)
                        .isPresent())
                .count();
    }

    /** Waits up to {@code timeout} for none to be running; how many still run when it returns. */
    static long awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long running = count();
        boolean said = false;
        while (running > 0 && System.nanoTime() < deadline) {
            if (!said) {
                System.out.println("waiting for " + running + " Cassandra process(es) this benchmark did not start…");
                said = true;
            }
            Thread.sleep(5000);
            running = count();
        }
        return running;
    }
}

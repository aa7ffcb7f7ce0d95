package org.cassandramesos.executor.lifecycle;

import java.util.Optional;

/**
 * Seed 003's {@code user} of a node: the OS user its Cassandra process runs as. The executor starts Cassandra as
 * its own child without switching users, so while no process runs (or its owner cannot be read) the executor's
 * own user is who it runs as.
 */
final class ProcessOwner {
    private ProcessOwner() {}

    static String of(Optional<Long> pid) {
        return pid.flatMap(ProcessHandle::of)
                .flatMap(process -> process.info().user())
                .orElseGet(() -> System.getProperty("user.name"));
    }
}

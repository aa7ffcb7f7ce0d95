package org.cassandramesos.executor.process;

import java.util.Optional;

/**
 * A Java agent loaded into the Cassandra JVM: when the process that started it (the executor) is gone, Cassandra
 * exits too. This covers what a shutdown hook cannot: the executor being SIGKILLed. Uses only JDK classes, because
 * it runs on Cassandra's classpath from a tiny jar ({@link ParentWatchAgentJar}).
 */
public final class ParentWatchAgent {
    private ParentWatchAgent() {}

    public static void premain(String args) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || !parent.get().isAlive()) {
            halt("the executor was already gone at start");
            return;
        }
        parent.get().onExit().thenRun(() -> halt("the executor (pid " + parent.get().pid() + ") exited"));
    }

    private static void halt(String why) {
        System.err.println("cassandra-mesos parent watch: " + why + "; stopping Cassandra");
        // Normal exit runs Cassandra's shutdown hooks; halt if they hang.
        Thread exit = new Thread(() -> System.exit(143), "parent-watch-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}

package org.cassandramesos.executor.process;

import java.util.Optional;

/**
 * A Java agent loaded into the Cassandra JVM ({@code -javaagent:parent-watch-agent.jar=<executor pid>}): when the
 * executor that started it is gone, Cassandra exits too. This covers what a shutdown hook cannot: the executor
 * being SIGKILLed. The executor's pid is passed in because the executor may die before this agent runs, and by then
 * Cassandra's parent is already init. Uses only JDK classes: it runs from a tiny jar ({@link AgentJars}).
 */
public final class ParentWatchAgent {
    /** Exit status when the executor is gone (128 + SIGTERM, as if it had been stopped). */
    public static final int EXIT_STATUS = 143;

    private ParentWatchAgent() {}

    public static void premain(String args) {
        long executorPid;
        try {
            executorPid = Long.parseLong(args == null ? "" : args.trim());
        } catch (NumberFormatException e) {
            System.err.println("cassandra-mesos parent watch: expected the executor pid as the agent argument, got '"
                    + args + "'");
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent().filter(p -> p.pid() == executorPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            exit("the executor (pid " + executorPid + ") was already gone at start");
            return;
        }
        parent.get().onExit().thenRun(() -> exit("the executor (pid " + executorPid + ") exited"));
    }

    private static void exit(String why) {
        System.err.println("cassandra-mesos parent watch: " + why + "; stopping Cassandra");
        // A normal exit runs Cassandra's shutdown hooks; halt if they hang.
        Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "parent-watch-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}

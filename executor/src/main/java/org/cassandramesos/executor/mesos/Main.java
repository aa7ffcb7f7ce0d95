package org.cassandramesos.executor.mesos;

import org.cassandramesos.mesos.executor.ExecutorClient;

/** The executor process the agent starts ({@code executor/bin/executor}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CassandraExecutor executor = new CassandraExecutor(ExecutorEnvironment.fromEnvironment(System.getenv()));
        int status;
        try {
            status = ExecutorClient.fromEnvironment(System.getenv(), executor).run();
        } finally {
            executor.close();
        }
        System.exit(status);
    }
}

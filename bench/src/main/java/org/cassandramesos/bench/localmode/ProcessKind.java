package org.cassandramesos.bench.localmode;

/** What a process in local mode's tree is, told by its command line (pure). */
enum ProcessKind {
    LOCAL_MODE("local-mode JVM (ZooKeeper, local Mesos master + agents, plan watcher)"),
    SCHEDULER("scheduler"),
    EXECUTOR("executor"),
    CASSANDRA("Cassandra"),
    S3PROXY("S3Proxy"),
    OTHER("other (shells, tools)");

    private final String label;

    ProcessKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** @param commandLine the process's arguments joined by spaces ({@code /proc/<pid>/cmdline}) */
    static ProcessKind of(String commandLine) {
        if (commandLine.contains("org.apache.cassandra.service.CassandraDaemon")) {
            return CASSANDRA;
        }
        if (commandLine.contains("org.cassandramesos.executor.mesos.Main")) {
            return EXECUTOR;
        }
        if (commandLine.contains("SchedulerApplication")) {
            return SCHEDULER;
        }
        if (commandLine.contains("s3proxy")) {
            return S3PROXY;
        }
        if (commandLine.contains("org.cassandramesos.localmode.LocalModeMain")) {
            return LOCAL_MODE;
        }
        return OTHER;
    }
}

package org.cassandramesos.bench.failover;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.scheduler.mesos.SchedulerProcess;

/**
 * How the benchmark starts a scheduler: through the distribution's launcher as Marathon and local mode do
 * ({@code cassandra-scheduler/bin/cassandra-scheduler} run from the directory that holds it, on the java-runtime's
 * java, with the launcher's JVM options and class-data archive), or, without a distribution, {@link SchedulerProcess}
 * (this JVM's classpath and the tests' JVM flags).
 *
 * @param parent   the directory holding {@code cassandra-scheduler/} (the sandbox's place)
 * @param javaHome the runtime the launcher runs the scheduler on ({@code JAVA_HOME})
 */
record SchedulerLaunch(Optional<Path> parent, Optional<Path> javaHome) {

    /** {@code -Dfailover.schedulerParent} and {@code -Dfailover.javaHome}, as bench/run-failover.sh sets them. */
    static SchedulerLaunch fromSystemProperties() {
        return new SchedulerLaunch(
                Optional.ofNullable(System.getProperty("failover.schedulerParent"))
                        .map(Path::of),
                Optional.ofNullable(System.getProperty("failover.javaHome")).map(Path::of));
    }

    String describe() {
        return parent.map(p -> "the distribution's launcher " + p.resolve("cassandra-scheduler/bin/cassandra-scheduler")
                        + javaHome.map(j -> " on " + j).orElse(""))
                .orElse("SchedulerProcess (the benchmark's classpath, the tests' JVM flags)");
    }

    /** Starts one scheduler with {@code env}, the launcher's settings ({@code SCHEDULER_*}) as {@code launcher} says. */
    Process start(Map<String, String> env, Path log, Map<String, String> launcher) throws IOException {
        if (parent.isEmpty()) {
            return SchedulerProcess.start(env, log);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "./cassandra-scheduler/bin/cassandra-scheduler",
                        "server",
                        "cassandra-scheduler/conf/scheduler.yml"))
                .directory(parent.get().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        javaHome.ifPresent(home -> builder.environment().put("JAVA_HOME", home.toString()));
        builder.environment().remove("SCHEDULER_JAVA_OPTS");
        builder.environment().remove("SCHEDULER_CDS");
        builder.environment().putAll(launcher);
        return builder.start();
    }
}

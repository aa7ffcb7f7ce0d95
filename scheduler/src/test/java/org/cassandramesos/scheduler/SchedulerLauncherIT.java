package org.cassandramesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher (bin/cassandra-scheduler) as Marathon runs it: the tarball unpacked in a sandbox, run
 * from there on the java-runtime module's java. It maps the scheduler's classes from the class-data archive the build
 * made, and starts without it, never failing, wherever the archive cannot apply. Dropwizard's {@code check} command
 * (config parsed, then exit) stands for a start.
 */
class SchedulerLauncherIT {
    private static final Path TARBALL =
            Path.of(System.getProperty("scheduler.tarball", "target/cassandra-scheduler.tar.gz"));
    private static final Path RUNTIME =
            Path.of(System.getProperty("java.runtime.dir", "../java-runtime/target/java-runtime"));
    private static final String ARCHIVED = "source: shared objects file (top)";

    @TempDir
    Path sandbox;

    @BeforeEach
    void unpack() throws Exception {
        assumeTrue(Files.isExecutable(RUNTIME.resolve("bin/java")), "the java-runtime module is built");
        // tar keeps the jars' times, as the Mesos fetcher's extraction does
        assertThat(new ProcessBuilder("tar", "xzf", TARBALL.toAbsolutePath().toString(), "-C", sandbox.toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();
    }

    @Test
    void theTarballCarriesTheClassDataArchiveAndAStartInTheSandboxMapsTheSchedulerFromIt() throws Exception {
        assertThat(sandbox.resolve("cassandra-scheduler/lib/scheduler.jsa")).isRegularFile();

        Run run = check(sandbox);

        assertThat(run.exit()).isZero();
        assertThat(run.output())
                .contains("Configuration is OK")
                .contains("org.cassandramesos.scheduler.SchedulerApplication " + ARCHIVED)
                .contains("io.dropwizard.core.Application " + ARCHIVED);
    }

    @Test
    void startedFromAnotherDirectoryTheSchedulerRunsWithoutTheArchive() throws Exception {
        Path elsewhere = Files.createDirectories(sandbox.resolve("elsewhere"));

        Run run = check(elsewhere);

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("Configuration is OK").doesNotContain(ARCHIVED);
    }

    @Test
    void aJarThatIsNotTheOneTheArchiveWasMadeWithOnlyCostsTheArchiveWithAWarning() throws Exception {
        Path jar = sandbox.resolve("cassandra-scheduler/lib/scheduler-" + version() + ".jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(3600)));

        Run run = check(sandbox);

        assertThat(run.exit()).isZero();
        assertThat(run.output())
                .contains("Configuration is OK")
                .contains("Unable to use shared archive")
                .doesNotContain(ARCHIVED);
    }

    @Test
    void schedulerCdsFalseStartsWithoutTheArchive() throws Exception {
        Run run = check(sandbox, "SCHEDULER_CDS", "false");

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("Configuration is OK").doesNotContain(ARCHIVED);
    }

    private record Run(int exit, String output) {}

    private Run check(Path workDir, String... env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(sandbox, "launcher", ".out");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        sandbox.resolve("cassandra-scheduler/bin/cassandra-scheduler")
                                .toString(),
                        "check",
                        sandbox.resolve("cassandra-scheduler/conf/scheduler.yml")
                                .toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().remove("MESOS_SANDBOX");
        builder.environment().put("JAVA_HOME", RUNTIME.toAbsolutePath().toString());
        builder.environment().put("SCHEDULER_JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1 -Xlog:class+load");
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES))
                .as("the launcher's check finished")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(out));
    }

    private static String version() {
        return System.getProperty("project.version", "0.1.0-SNAPSHOT");
    }
}

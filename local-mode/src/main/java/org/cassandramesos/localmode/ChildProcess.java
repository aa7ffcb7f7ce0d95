package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cassandramesos.process.ProcessTree;

/**
 * A process local mode started: output to a log file, stopped politely (SIGTERM) and then for
 * good (SIGKILL) with its whole tree on {@link #close()} ({@link ProcessTree#stop}), so nothing outlives the command.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopGrace;

    private ChildProcess(String name, Process process, Path log, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopGrace = stopGrace;
    }

    public static ChildProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path log,
            Duration stopGrace)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log, stopGrace);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while the process runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** Completes when the process has exited (whoever ended it). */
    public java.util.concurrent.CompletableFuture<?> onExit() {
        return process.onExit();
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        ProcessTree.stop(process.toHandle(), stopGrace);
    }
}

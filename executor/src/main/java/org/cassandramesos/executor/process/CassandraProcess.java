package org.cassandramesos.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.cassandramesos.process.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one Cassandra JVM: starts it, stops it (a caller-supplied drain, then SIGTERM, then SIGKILL after the
 * grace period: {@link ProcessTree#stop}), and reports every exit with its log tail.
 *
 * <p>The Cassandra process never outlives the executor: (1) a shutdown hook stops it when the executor JVM exits
 * normally or on SIGTERM; (2) {@link ParentWatchAgent}, loaded into Cassandra, ends it when the executor dies any
 * other way (SIGKILL, crash); (3) the Mesos agent destroys the executor's whole container (process tree/cgroup)
 * when the executor is gone.
 */
public final class CassandraProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraProcess.class);
    private static final int TAIL_LINES = 40;
    private static final Duration HOOK_GRACE = Duration.ofSeconds(20);

    private final Path workDir;
    private final Path stdoutLog;
    private final Path systemLog;
    private final Consumer<ProcessExit> onExit;
    private final Thread shutdownHook = new Thread(this::killOnExecutorExit, "cassandra-process-shutdown");

    // Guarded by this.
    private Process process;
    private boolean stopRequested;
    private ProcessExit lastExit;

    /** @param onExit told about every exit, requested or not, on a background thread */
    public CassandraProcess(Path workDir, Path stdoutLog, Path systemLog, Consumer<ProcessExit> onExit) {
        this.workDir = workDir;
        this.stdoutLog = stdoutLog;
        this.systemLog = systemLog;
        this.onExit = onExit;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public synchronized long start(List<String> command) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Cassandra is already running (pid " + process.pid() + ")");
        }
        Files.createDirectories(stdoutLog.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        Map<String, String> allowed = ChildEnvironment.of(environment);
        environment.clear();
        environment.putAll(allowed);
        Process started = builder.start();
        process = started;
        stopRequested = false;
        LOG.info("started Cassandra, pid {}", started.pid());
        started.onExit().thenAccept(this::exited);
        return started.pid();
    }

    private void exited(Process ended) {
        ProcessExit exit;
        synchronized (this) {
            boolean requested = stopRequested && ended == process;
            exit = new ProcessExit(ended.pid(), ended.exitValue(), requested, logTail());
            if (ended == process) {
                lastExit = exit;
            }
            notifyAll();
        }
        if (exit.requested()) {
            LOG.info("{}", exit.reason());
        } else {
            LOG.warn("{}", exit.report());
        }
        onExit.accept(exit);
    }

    /**
     * Stops the process: {@code beforeSignal} (e.g. a JMX drain) first, then SIGTERM, then SIGKILL of the whole
     * tree if it is still alive after {@code grace}. Returns how it exited (empty if it was not running).
     */
    public Optional<ProcessExit> stop(Duration grace, Runnable beforeSignal) throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
            if (running == null || !running.isAlive()) {
                return Optional.ofNullable(lastExit);
            }
            stopRequested = true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            beforeSignal.run();
        } catch (RuntimeException e) {
            LOG.warn("before-stop step failed, stopping anyway: {}", e.toString());
        }
        long left = Math.max(0, deadline - System.nanoTime());
        if (ProcessTree.stop(running.toHandle(), Duration.ofNanos(left)).forced()) {
            LOG.warn("Cassandra (pid {}) did not stop within {}: SIGKILL", running.pid(), grace);
        }
        return Optional.of(awaitExitRecord(running));
    }

    /**
     * Kills the process tree at once (SIGKILL, like a power loss) as a requested stop: the exit is not reported as a
     * failure. Returns how it exited (the previous exit, or empty, if it was not running).
     */
    public Optional<ProcessExit> kill() throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
            if (running == null || !running.isAlive()) {
                return Optional.ofNullable(lastExit);
            }
            stopRequested = true;
        }
        ProcessTree.kill(running.toHandle());
        return Optional.of(awaitExitRecord(running));
    }

    private synchronized ProcessExit awaitExitRecord(Process ended) throws InterruptedException {
        while (lastExit == null || lastExit.pid() != ended.pid()) {
            wait(1000);
            if (!ended.isAlive() && process != ended) {
                break;
            }
        }
        return lastExit;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized OptionalLong pid() {
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** When the running process started (from the OS), empty when none runs. */
    public synchronized Optional<java.time.Instant> startInstant() {
        return process != null && process.isAlive() ? process.info().startInstant() : Optional.empty();
    }

    /** The pid of the latest process, alive or not (tests check it is gone). */
    public synchronized OptionalLong lastPid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    public synchronized Optional<ProcessExit> lastExit() {
        return Optional.ofNullable(lastExit);
    }

    public List<String> logTail() {
        List<String> tail = new ArrayList<>();
        List<String> console = LogTail.lastLines(stdoutLog, TAIL_LINES / 2);
        if (!console.isEmpty()) {
            tail.add("--- " + stdoutLog.getFileName() + " ---");
            tail.addAll(console);
        }
        List<String> system = LogTail.lastLines(systemLog, TAIL_LINES / 2);
        if (!system.isEmpty()) {
            tail.add("--- " + systemLog.getFileName() + " ---");
            tail.addAll(system);
        }
        return tail;
    }

    private void killOnExecutorExit() {
        Process running;
        synchronized (this) {
            running = process;
            stopRequested = true;
        }
        if (running == null || !running.isAlive()) {
            return;
        }
        ProcessTree.stop(running.toHandle(), HOOK_GRACE);
    }

    /** Stops a still-running process tree (SIGTERM, then SIGKILL) and removes the shutdown hook. */
    @Override
    public void close() {
        killOnExecutorExit();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran: nothing to remove.
        }
    }
}

package org.cassandramesos.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and everything below it, so that nothing it started outlives it: SIGTERM to the whole tree, a
 * grace period for all of it to exit, then SIGKILL to whatever is left (and to anything it started meanwhile), then
 * a bounded wait for the kills to take.
 *
 * <p>The descendants are listed before any signal: once a parent dies its children are re-parented and no longer
 * found below it.
 */
public final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    /** How long SIGKILLed processes get to be gone (a process in uninterruptible I/O dies only when it returns). */
    static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private static final int KILL_ROUNDS = 3;

    private ProcessTree() {}

    /** How a stop ended. */
    public record Stopped(boolean forced, List<ProcessHandle> survivors) {
        public Stopped {
            survivors = List.copyOf(survivors);
        }

        /** Nothing of the tree is alive any more. */
        public boolean gone() {
            return survivors.isEmpty();
        }
    }

    /** {@link #stopAll} of {@code root} and its descendants. */
    public static Stopped stop(ProcessHandle root, Duration grace) {
        return stopAll(List.of(root), grace);
    }

    /**
     * SIGTERMs each process and its descendants, waits up to {@code grace} for all of them to exit, then SIGKILLs what
     * is left with whatever it started meanwhile. An interrupt ends the grace at once (the kills still happen and the
     * thread stays interrupted).
     */
    public static Stopped stopAll(Collection<ProcessHandle> roots, Duration grace) {
        List<ProcessHandle> tree = treeOf(roots);
        if (tree.isEmpty()) {
            return new Stopped(false, List.of());
        }
        tree.forEach(ProcessHandle::destroy);
        List<ProcessHandle> left = awaitGone(tree, grace);
        if (left.isEmpty()) {
            return new Stopped(false, List.of());
        }
        LOG.warn("{} did not stop within {} of SIGTERM: SIGKILL", pids(left), grace);
        return new Stopped(true, killAll(left));
    }

    /** SIGKILLs {@code root} and its descendants at once (like a power loss) and waits for them to be gone. */
    public static Stopped kill(ProcessHandle root) {
        return new Stopped(true, killAll(List.of(root)));
    }

    /**
     * SIGKILLs the processes and their trees, in rounds (a process may fork while its tree is being killed), and
     * returns the ones still alive after {@link #KILL_WAIT}.
     */
    private static List<ProcessHandle> killAll(Collection<ProcessHandle> roots) {
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        boolean interrupted = Thread.interrupted();
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> alive =
                    treeOf(roots.stream().filter(ProcessHandle::isAlive).toList());
            List<ProcessHandle> seenAlive =
                    seen.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty() && seenAlive.isEmpty()) {
                break;
            }
            seen.addAll(alive);
            seen.forEach(ProcessHandle::destroyForcibly);
            long left = Math.max(0, deadline - System.nanoTime());
            interrupted |= awaitAll(seen, Duration.ofNanos(left / (KILL_ROUNDS - round)));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return seen.stream().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * Waits up to {@code timeout} for all the processes to exit and returns the ones still alive. An interrupt ends the
     * wait early; the thread stays interrupted.
     */
    public static List<ProcessHandle> awaitGone(Collection<ProcessHandle> processes, Duration timeout) {
        if (awaitAll(processes, timeout)) {
            Thread.currentThread().interrupt();
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** Waits; true if interrupted (the flag is cleared so that the caller's kills can still wait). */
    private static boolean awaitAll(Collection<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // onExit does not fail; the liveness check after the wait decides
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    /** The live processes with their descendants, each once, parents before children. */
    private static List<ProcessHandle> treeOf(Collection<ProcessHandle> roots) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            if (root.isAlive()) {
                tree.add(root);
                root.descendants().forEach(tree::add);
            }
        }
        return new ArrayList<>(tree);
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}

package org.cassandramesos.scheduler.leader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scheduler instance's name in the leader latch and the logs: Marathon's task id when there is one; otherwise its
 * process, named precisely enough ({@code <pid>@<host> pidns=<pid namespace> boot=<boot id>}) that another instance on
 * the same machine can tell for certain that it is gone.
 */
public final class InstanceName {
    private static final Pattern PROCESS = Pattern.compile("(\\d+)@(\\S+) pidns=(\\S+) boot=(\\S+)");

    private InstanceName() {}

    /** This instance's name. */
    public static String local() {
        String task = System.getenv("MESOS_TASK_ID");
        if (task != null && !task.isBlank()) {
            return task;
        }
        return ProcessHandle.current().pid() + "@" + host() + " pidns="
                + pidNamespace().orElse("?") + " boot=" + bootId().orElse("?");
    }

    /**
     * True only when {@code name} is a process of this machine, in this pid namespace and this boot, that no longer
     * runs: its latch znode then waits for nothing but its ZooKeeper session to expire (a kill -9). A reused pid counts as
     * running, and anything else (a Marathon task id, another host, an unreadable namespace) as not provably gone.
     */
    public static boolean provablyGone(String name) {
        Matcher m = PROCESS.matcher(name);
        Optional<String> namespace = pidNamespace();
        Optional<String> boot = bootId();
        if (!m.matches() || namespace.isEmpty() || boot.isEmpty()) {
            return false;
        }
        return m.group(2).equals(host())
                && m.group(3).equals(namespace.get())
                && m.group(4).equals(boot.get())
                && ProcessHandle.of(Long.parseLong(m.group(1)))
                        .filter(ProcessHandle::isAlive)
                        .isEmpty();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** e.g. {@code 4026531836}, from {@code /proc/self/ns/pid -> pid:[4026531836]}. */
    private static Optional<String> pidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return Optional.of(link.replaceAll("\\D", "")).filter(s -> !s.isEmpty());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> bootId() {
        try {
            return Optional.of(Files.readString(Path.of("/proc/sys/kernel/random/boot_id"))
                            .strip())
                    .filter(s -> !s.isEmpty());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}

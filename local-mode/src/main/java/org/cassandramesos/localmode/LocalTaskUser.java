package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cassandramesos.local.agent.TaskUser;

/**
 * Who the executors and Cassandra run as ({@code FRAMEWORK_USER}): as on DC/OS, an unprivileged user. Started as root,
 * local mode runs them as {@code nobody} (the agents switch users as a stock agent does); otherwise as the user who
 * started it. The choice is kept in the data directory: files a node wrote stay writable by the user that reads them
 * after a restart, so a data directory created as root by an older local mode keeps running as root.
 */
record LocalTaskUser(String name) {
    static final String UNPRIVILEGED = "nobody";
    private static final String FILE = "task-user";

    static LocalTaskUser of(Path data, String currentUser, boolean root) throws IOException {
        Path file = data.resolve(FILE);
        if (Files.exists(file)) {
            return new LocalTaskUser(
                    Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        boolean earlierNodes = Files.isDirectory(data.resolve("mesos"));
        LocalTaskUser user = new LocalTaskUser(root && !earlierNodes ? UNPRIVILEGED : currentUser);
        Files.writeString(file, user.name() + "\n", StandardCharsets.UTF_8);
        return user;
    }

    /** Why this user could not enter {@code dir} when it is not the one running local mode, or empty. */
    Optional<String> cannotReach(Path dir) throws IOException {
        if (name.equals(System.getProperty("user.name"))) return Optional.empty();
        Optional<TaskUser> user = TaskUser.lookup(name);
        if (user.isEmpty()) return Optional.of("there is no user '" + name + "' on this machine");
        // the agent's own rule for a sandbox: every directory down to it must let the user through
        return user.get().cannotReach(dir.resolve("sandbox"), false);
    }

    static boolean runningAsRoot() {
        return TaskUser.currentUserIsRoot();
    }
}

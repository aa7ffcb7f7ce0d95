package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Who the executors and Cassandra run as ({@code FRAMEWORK_USER}): as on DC/OS, an unprivileged user. Started as root,
 * local mode runs them as {@code nobody} (the agents switch users as a stock agent does); otherwise as the user who
 * started it. The choice is kept in the data directory: files a node wrote stay writable by the user that reads them
 * after a restart, so a data directory created as root by an older local mode keeps running as root.
 */
record TaskUser(String name) {
    static final String UNPRIVILEGED = "nobody";
    private static final String FILE = "task-user";

    static TaskUser of(Path data, String currentUser, boolean root) throws IOException {
        Path file = data.resolve(FILE);
        if (Files.exists(file)) {
            return new TaskUser(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        boolean earlierNodes = Files.isDirectory(data.resolve("mesos"));
        TaskUser user = new TaskUser(root && !earlierNodes ? UNPRIVILEGED : currentUser);
        Files.writeString(file, user.name() + "\n", StandardCharsets.UTF_8);
        return user;
    }

    /** Why this user could not enter {@code dir} when it is not the one running local mode, or empty. */
    Optional<String> cannotReach(Path dir) throws IOException {
        if (name.equals(System.getProperty("user.name"))) return Optional.empty();
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(d);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return Optional.of("user '" + name + "' cannot enter " + d + " (" + PosixFilePermissions.toString(permissions) + ")");
            }
        }
        return Optional.empty();
    }

    static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}

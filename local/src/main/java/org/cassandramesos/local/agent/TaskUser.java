package org.cassandramesos.local.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The user an executor runs as (a passwd entry: the agent looks it up with {@code getpwnam}, we with
 * {@code getent passwd}, which goes through NSS as well).
 */
public record TaskUser(String name, int uid, int gid, Path home) {
    private static final String SETPRIV = "/usr/bin/setpriv";

    /** Whether this process runs as root: only then does an agent switch users. */
    public static boolean currentUserIsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** The passwd entry of {@code name}, if the system knows the user. */
    public static Optional<TaskUser> lookup(String name) throws IOException {
        if (name.isEmpty() || name.startsWith("-") || name.contains(":")) return Optional.empty();
        Process getent = new ProcessBuilder("getent", "passwd", name)
                .redirectErrorStream(true)
                .start();
        String line;
        try (var in = getent.getInputStream()) {
            line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!getent.waitFor(10, TimeUnit.SECONDS) || getent.exitValue() != 0) return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted looking up user " + name, e);
        }
        String[] fields = line.split(":", -1); // name:password:uid:gid:gecos:home:shell
        if (fields.length < 7 || !fields[0].equals(name)) return Optional.empty();
        return Optional.of(
                new TaskUser(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), Path.of(fields[5])));
    }

    /**
     * The command prefix that drops to this user (real and effective uid/gid, its supplementary groups), as the agent's
     * {@code os::su} does before exec (src/slave/containerizer/mesos/launch.cpp).
     */
    String[] switchCommand() {
        return new String[] {SETPRIV, "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"};
    }

    /** Makes {@code path} belong to this user, without following symbolic links ({@code lchown}). */
    void own(Path path) throws IOException {
        UserPrincipalLookupService names = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal owner = names.lookupPrincipalByName(name);
        GroupPrincipal group = names.lookupPrincipalByGroupName(Integer.toString(gid));
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        view.setGroup(group);
    }

    /** {@link #own} for {@code root} and everything below it (symbolic links themselves, not what they point to). */
    void ownRecursively(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) own(path);
        }
    }

    /**
     * Why this user could not reach {@code path} (a directory or file every ancestor of which it must traverse), or
     * empty when it can. Only the "other" permission bits count for directories it does not own: the agent gives no
     * group access either.
     */
    public Optional<String> cannotReach(Path path, boolean read) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            Optional<String> problem = lacks(dir, PosixFilePermission.OTHERS_EXECUTE, "traverse");
            if (problem.isPresent()) return problem;
        }
        return read ? lacks(absolute, PosixFilePermission.OTHERS_READ, "read") : Optional.empty();
    }

    private Optional<String> lacks(Path path, PosixFilePermission others, String verb) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        if (attributes.owner().getName().equals(name)
                || attributes.permissions().contains(others)) return Optional.empty();
        return Optional.of("user '" + name + "' cannot " + verb + " " + path + " (owner "
                + attributes.owner().getName() + ", "
                + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions()) + ")");
    }
}

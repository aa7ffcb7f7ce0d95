package org.cassandramesos.local.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.cassandramesos.local.resources.ResourceFormat;

/**
 * Persistent volumes as real directories, {@code <workDir>/volumes/roles/<role>/<persistence id>}
 * like Mesos, linked into a sandbox at the volume's container path.
 */
final class VolumeStore {
    private final Path root;

    VolumeStore(Path workDir) {
        this.root = workDir.resolve("volumes").resolve("roles");
    }

    Path pathOf(Resource volume) {
        String role = volume.getReservations(volume.getReservationsCount() - 1).getRole();
        return root.resolve(role).resolve(volume.getDisk().getPersistence().getId());
    }

    /** Creates directories for new volumes and deletes those of destroyed ones (DESTROY deletes data). */
    void sync(List<Resource> checkpointed) throws IOException {
        Set<Path> wanted = new HashSet<>();
        for (Resource r : checkpointed) {
            if (!ResourceFormat.isPersistentVolume(r)) continue;
            Path p = pathOf(r);
            Files.createDirectories(p);
            wanted.add(p);
        }
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> roles = Files.list(root)) {
            for (Path role : roles.toList()) {
                try (Stream<Path> volumes = Files.list(role)) {
                    for (Path v : volumes.toList()) {
                        if (!wanted.contains(v)) deleteRecursively(v);
                    }
                }
            }
        }
    }

    /**
     * Makes the volume appear at {@code <sandbox>/<container_path>}, its root owned by the executor's user as the
     * agent's posix filesystem isolator does (src/slave/containerizer/mesos/isolators/filesystem/posix.cpp,
     * {@code update}: {@code os::chown(uid, gid, source, false)}, not recursive).
     */
    void link(Resource volume, Path sandbox, java.util.Optional<TaskUser> user) throws IOException {
        Path target = pathOf(volume);
        Files.createDirectories(target);
        if (user.isPresent()) user.get().own(target);
        Path link =
                sandbox.resolve(volume.getDisk().getVolume().getContainerPath()).normalize();
        if (!link.startsWith(sandbox)) throw new IOException("volume path escapes the sandbox");
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) return;
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}

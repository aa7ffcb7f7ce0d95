package org.cassandramesos.localmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the build put what local mode starts: the scheduler distribution, the executor, Cassandra and Java runtime
 * tarballs (fetched by the agents through file URIs, as a real agent fetches them over HTTP), S3Proxy's jars, and the
 * Java runtime unpacked (the scheduler runs on it, as under Marathon; empty if the build left none).
 */
public record Artifacts(
        Path schedulerHome,
        Path executorTarball,
        Path cassandraTarball,
        Path javaRuntimeTarball,
        Path s3proxyLib,
        Optional<Path> javaRuntimeHome) {

    /** Finds the artifacts under a source checkout's {@code target} directories; says which are missing. */
    public static Artifacts inCheckout(Path repo) {
        List<String> missing = new ArrayList<>();
        Path scheduler = repo.resolve("scheduler/target/cassandra-scheduler/cassandra-scheduler");
        Path executor = newest(repo.resolve("executor/target"), "executor-", "-dist.tar.gz")
                .orElse(null);
        Path cassandra = newest(repo.resolve("cassandra-dist/target"), "cassandra-dist-", ".tar.gz")
                .orElse(null);
        Path runtime = newest(repo.resolve("java-runtime/target"), "java-runtime-", ".tar.gz")
                .orElse(null);
        Path s3proxy = repo.resolve("s3proxy-dist/target/dist/lib");
        if (!Files.isExecutable(scheduler.resolve("bin/cassandra-scheduler"))) {
            missing.add(scheduler + "/bin/cassandra-scheduler");
        }
        if (executor == null) {
            missing.add(repo.resolve("executor/target") + "/executor-<version>-dist.tar.gz");
        }
        if (cassandra == null) {
            missing.add(repo.resolve("cassandra-dist/target") + "/cassandra-dist-<version>.tar.gz");
        }
        if (runtime == null) {
            missing.add(repo.resolve("java-runtime/target") + "/java-runtime-<version>.tar.gz");
        }
        if (!Files.isDirectory(s3proxy)) {
            missing.add(s3proxy.toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "build outputs missing (run the build first): " + String.join(", ", missing));
        }
        Path runtimeHome = repo.resolve("java-runtime/target/java-runtime");
        return new Artifacts(
                scheduler,
                executor,
                cassandra,
                runtime,
                s3proxy,
                Optional.of(runtimeHome).filter(home -> Files.isExecutable(home.resolve("bin/java"))));
    }

    /**
     * The tarballs the agents fetch, hard-linked (or copied) into {@code dir}: the nodes' user must read them, and a
     * checkout may sit where that user cannot enter (root's home). A file already there with the same size and time is
     * kept.
     */
    public Artifacts publishedIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new Artifacts(
                schedulerHome,
                publishAs(executorTarball, dir.resolve(executorTarball.getFileName())),
                publishAs(cassandraTarball, dir.resolve(cassandraTarball.getFileName())),
                publishAs(javaRuntimeTarball, dir.resolve(javaRuntimeTarball.getFileName())),
                s3proxyLib,
                javaRuntimeHome);
    }

    /**
     * {@code file} hard-linked (or copied) to {@code target}, readable by everyone (as an artifact server serves it); a
     * file already there with the same size and time is kept.
     */
    public static Path publishAs(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target)
                && Files.size(target) == Files.size(file)
                && Files.getLastModifiedTime(target).equals(Files.getLastModifiedTime(file))) {
            return target;
        }
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
            Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        return target;
    }

    private static Optional<Path> newest(Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(prefix) && name.endsWith(suffix);
                    })
                    .max((a, b) ->
                            Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

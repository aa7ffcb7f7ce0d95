package org.cassandramesos.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tarballs the agent fetches for a Cassandra executor, as built by the reactor (the pom passes their paths).
 *
 * @param executor    {@code executor-<v>-dist.tar.gz}: {@code executor/bin/executor} and its jars
 * @param cassandra   {@code cassandra-dist-<v>.tar.gz}: {@code cassandra/lib/*.jar}, {@code cassandra/conf}
 * @param javaRuntime {@code java-runtime-<v>.tar.gz}: {@code java-runtime/bin/java}, what the executor and Cassandra
 *                    run on (the local agent, like a stock one, gives executors no JAVA_HOME)
 */
public record Artifacts(Path executor, Path cassandra, Path javaRuntime) {

    public static Artifacts fromSystemProperties() {
        return new Artifacts(existing("executor.tarball"), existing("cassandra.tarball"),
                existing("java.runtime.tarball"));
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven"
                    + " (mvn -pl integration-tests -am verify) so the tarballs are built and passed in");
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist");
        }
        return path;
    }
}

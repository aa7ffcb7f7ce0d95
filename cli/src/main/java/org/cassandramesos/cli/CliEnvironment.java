package org.cassandramesos.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the CLI reads from and writes to its process: environment, home directory, stdout, stderr. */
public record CliEnvironment(Map<String, String> env, Path home, PrintWriter out, PrintWriter err) {

    public static CliEnvironment ofProcess() {
        return new CliEnvironment(
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}

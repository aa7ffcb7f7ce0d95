package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The package files under test, found through the paths Maven passes in. */
final class UniverseFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path universe() {
        return Path.of(System.getProperty("universe.dir", "../universe"))
                .toAbsolutePath()
                .normalize();
    }

    static Path assembled() {
        return Path.of(System.getProperty("assembled.universe.dir", "target/universe"))
                .toAbsolutePath()
                .normalize();
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode configSchema() {
        return json(universe().resolve("config.json"));
    }

    static String template() {
        return text(universe().resolve("marathon.json.mustache"));
    }

    /** Every variable named in the first column of docs/configuration.md's table (both names of PORT0 / API_PORT). */
    static Set<String> contractVariables() {
        Set<String> names = new LinkedHashSet<>();
        Pattern row = Pattern.compile("^\\| (`[A-Z0-9_]+`(?: / `[A-Z0-9_]+`)*) \\|", Pattern.MULTILINE);
        Matcher rows = row.matcher(text(repoRoot().resolve("docs/configuration.md")));
        while (rows.find()) {
            Matcher name = Pattern.compile("`([A-Z0-9_]+)`").matcher(rows.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private UniverseFiles() {}
}

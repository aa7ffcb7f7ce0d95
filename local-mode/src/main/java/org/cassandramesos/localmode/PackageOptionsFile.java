package org.cassandramesos.localmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The package options {@code update start} gave local mode, kept in its data directory ({@code package-options.json})
 * as Cosmos keeps a service's options: a later {@code ./cassandra-mesos local} on the same data starts the scheduler
 * with them. Written whole or not at all; owner-only like every file local mode keeps.
 */
final class PackageOptionsFile {
    static final String NAME = "package-options.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    PackageOptionsFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** The options in force: those stored, or none. */
    ObjectNode load() throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode stored = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (stored == null || !stored.isObject()) {
            throw new IOException(file + " does not hold a JSON object of package options");
        }
        return (ObjectNode) stored;
    }

    void store(JsonNode options) throws IOException {
        Path partial = Files.createTempFile(
                file.getParent(),
                "." + NAME,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(options));
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

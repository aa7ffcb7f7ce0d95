package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The package files this module's jar carries under {@code universe/} (copied from the repository's {@code universe/}
 * at build time): config.json's schema, the Marathon app template and resource.json.
 *
 * @param configSchema config.json
 * @param template     marathon.json.mustache
 * @param resource     resource.json (its artifact URIs still hold the build's placeholders)
 */
public record UniversePackage(JsonNode configSchema, String template, JsonNode resource) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The package as built into this jar. */
    public static UniversePackage bundled() {
        try {
            return new UniversePackage(
                    JSON.readTree(resource("config.json")),
                    resource("marathon.json.mustache"),
                    JSON.readTree(resource("resource.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scheduler environment that {@code userOptions} set, as Cosmos and Marathon would ({@link OptionsEnvironment}). */
    public OptionsEnvironment.Mapping environment(JsonNode userOptions) {
        return OptionsEnvironment.of(this, userOptions);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UniversePackage.class.getResourceAsStream("/universe/" + name)) {
            if (in == null) {
                throw new IOException("universe/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

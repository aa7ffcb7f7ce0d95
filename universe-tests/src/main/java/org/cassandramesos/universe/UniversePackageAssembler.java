package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Build step: assembles a publishable package directory from ../universe and the artifacts of this build.
 * Writes package.json, config.json, marathon.json.mustache, resource.json (placeholders filled), SHA256SUMS,
 * marathon.json (rendered with defaults), and copies the artifacts next to them (artifacts/).
 *
 * <p>Arguments: {@code --universe=DIR --out=DIR --artifact-dir-url=URL --artifact=NAME=FILE...}
 */
public final class UniversePackageAssembler {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        Path universe = null;
        Path out = null;
        String artifactDirUrl = null;
        Map<String, Path> artifacts = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--universe=")) {
                universe = Path.of(arg.substring("--universe=".length()));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--artifact-dir-url=")) {
                artifactDirUrl = arg.substring("--artifact-dir-url=".length());
            } else if (arg.startsWith("--artifact=")) {
                String[] nameAndFile = arg.substring("--artifact=".length()).split("=", 2);
                artifacts.put(nameAndFile[0], Path.of(nameAndFile[1]).normalize());
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (universe == null || out == null || artifactDirUrl == null) {
            throw new IllegalArgumentException("--universe, --out and --artifact-dir-url are required");
        }
        assemble(universe, out, artifactDirUrl, artifacts);
    }

    static void assemble(Path universe, Path out, String artifactDirUrl, Map<String, Path> artifacts)
            throws IOException {
        Files.createDirectories(out.resolve("artifacts"));
        for (String file : new String[] {"package.json", "config.json", "marathon.json.mustache"}) {
            Files.copy(universe.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        ResourceJsonRenderer.Rendered resource = ResourceJsonRenderer.render(
                Files.readString(universe.resolve("resource.json")), artifactDirUrl, artifacts);
        Files.writeString(out.resolve("resource.json"), resource.json());

        StringBuilder sums = new StringBuilder();
        for (Map.Entry<String, Path> artifact : artifacts.entrySet()) {
            if (Files.isRegularFile(artifact.getValue())) {
                sums.append(ResourceJsonRenderer.sha256(artifact.getValue()))
                        .append("  ")
                        .append(artifact.getKey())
                        .append('\n');
                Files.copy(
                        artifact.getValue(),
                        out.resolve("artifacts").resolve(artifact.getKey()),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.writeString(out.resolve("SHA256SUMS"), sums.toString());

        JsonNode schema = JSON.readTree(universe.resolve("config.json").toFile());
        JsonNode app = MarathonAppRenderer.renderJson(
                Files.readString(universe.resolve("marathon.json.mustache")),
                PackageOptions.defaults(schema),
                JSON.readTree(resource.json()));
        Files.writeString(
                out.resolve("marathon.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(app));

        if (!resource.missingArtifacts().isEmpty()) {
            // Not fatal: modules that build these artifacts may not exist yet; the package is incomplete until they do.
            System.err.println("[universe] WARNING: not built in this reactor, left as placeholders in resource.json: "
                    + resource.missingArtifacts());
        }
        System.out.println("[universe] assembled " + out);
    }

    private UniversePackageAssembler() {}
}

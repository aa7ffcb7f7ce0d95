package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The DC/OS CLI's own configuration: {@code [core] dcos_url} and {@code dcos_acs_token} from the attached
 * cluster's {@code ~/.dcos/clusters/<id>/dcos.toml} (or the one named by DCOS_CLUSTER), else the legacy
 * {@code ~/.dcos/dcos.toml}, with {@code ssl_verify}; DCOS_CONFIG names a file directly and DCOS_DIR replaces {@code ~/.dcos}.
 */
public record DcosCliConfig(Optional<String> dcosUrl, Optional<String> acsToken, Optional<String> sslVerify) {
    private static final TomlMapper TOML = new TomlMapper();

    public static Optional<DcosCliConfig> find(CliEnvironment environment) {
        return configFile(environment).map(DcosCliConfig::read);
    }

    static Optional<Path> configFile(CliEnvironment environment) {
        Optional<String> explicit = environment.get("DCOS_CONFIG");
        if (explicit.isPresent()) {
            return Optional.of(Path.of(explicit.get()));
        }
        Path dcosDir = environment
                .get("DCOS_DIR")
                .map(Path::of)
                .orElse(environment.home().resolve(".dcos"));
        Path clusters = dcosDir.resolve("clusters");
        if (Files.isDirectory(clusters)) {
            Optional<String> wanted = environment.get("DCOS_CLUSTER");
            try (Stream<Path> dirs = Files.list(clusters)) {
                Optional<Path> chosen = dirs.filter(dir -> Files.isRegularFile(dir.resolve("dcos.toml")))
                        .filter(dir -> wanted.map(
                                        w -> dir.getFileName().toString().equals(w)
                                                || clusterName(dir).equals(w))
                                .orElseGet(() -> Files.exists(dir.resolve("attached"))))
                        .findFirst();
                if (chosen.isPresent()) {
                    return Optional.of(chosen.get().resolve("dcos.toml"));
                }
            } catch (IOException e) {
                throw new CliFailure(ExitCode.NOT_CONFIGURED, "cannot read " + clusters + ": " + e.getMessage());
            }
        }
        Path legacy = dcosDir.resolve("dcos.toml");
        return Files.isRegularFile(legacy) ? Optional.of(legacy) : Optional.empty();
    }

    private static String clusterName(Path clusterDir) {
        return text(read(clusterDir.resolve("dcos.toml"), "cluster", "name")).orElse("");
    }

    static DcosCliConfig read(Path file) {
        JsonNode sslVerify = read(file, "core", "ssl_verify");
        return new DcosCliConfig(
                text(read(file, "core", "dcos_url")),
                text(read(file, "core", "dcos_acs_token")),
                sslVerify.isValueNode() ? Optional.of(sslVerify.asText()) : Optional.empty());
    }

    private static JsonNode read(Path file, String table, String key) {
        try {
            return TOML.readTree(file.toFile()).path(table).path(key);
        } catch (IOException e) {
            throw new CliFailure(
                    ExitCode.NOT_CONFIGURED, "cannot read DC/OS CLI config " + file + ": " + e.getMessage());
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}

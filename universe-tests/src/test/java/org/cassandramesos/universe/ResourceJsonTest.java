package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceJsonTest {
    private static final Path CLI = Path.of(System.getProperty("cli.executable", "../cli/target/dcos-cassandra"));

    @Test
    void theCliBinaryDigestIsTheSha256OfTheBuiltExecutable() throws Exception {
        assertThat(CLI)
                .as("the cli module builds the executable before this module")
                .isRegularFile();
        String template = UniverseFiles.text(UniverseFiles.universe().resolve("resource.json"));

        ResourceJsonRenderer.Rendered rendered = ResourceJsonRenderer.render(
                template, "https://downloads.example.org/cassandra/", Map.of("dcos-cassandra", CLI));
        JsonNode resource = UniverseFiles.JSON.readTree(rendered.json());

        JsonNode linux = resource.path("cli").path("binaries").path("linux").path("x86-64");
        assertThat(linux.path("url").asText()).isEqualTo("https://downloads.example.org/cassandra/dcos-cassandra");
        assertThat(linux.path("kind").asText()).isEqualTo("executable");
        assertThat(linux.path("contentHash").get(0).path("algo").asText()).isEqualTo("sha256");
        assertThat(linux.path("contentHash").get(0).path("value").asText())
                .isEqualTo(sha256sum(CLI))
                .matches("[0-9a-f]{64}");
        assertThat(resource.path("assets").path("uris").path("scheduler-tar-gz").asText())
                .isEqualTo("https://downloads.example.org/cassandra/cassandra-scheduler.tar.gz");
        assertThat(rendered.missingArtifacts())
                .containsExactlyInAnyOrder(
                        "cassandra-scheduler.tar.gz",
                        "cassandra-executor.tar.gz",
                        "cassandra-dist.tar.gz",
                        "java-runtime.tar.gz");
    }

    @Test
    void theBuildAssembledAPackageWhoseDigestsMatchTheArtifactsOfThisBuild() throws Exception {
        Path assembled = UniverseFiles.assembled();
        JsonNode resource = UniverseFiles.json(assembled.resolve("resource.json"));
        String sums = Files.readString(assembled.resolve("SHA256SUMS"));

        String digest = resource.path("cli")
                .path("binaries")
                .path("linux")
                .path("x86-64")
                .path("contentHash")
                .get(0)
                .path("value")
                .asText();
        assertThat(digest).isEqualTo(sha256sum(CLI));
        assertThat(sums).contains(sha256sum(CLI) + "  dcos-cassandra");
        // the Java runtime every sandbox fetches is published with its digest (asset URIs carry none in resource.json)
        assertThat(sums).contains("  java-runtime.tar.gz\n");
        // every artifact listed in SHA256SUMS was copied next to the package and hashes to the listed value
        for (String line : sums.strip().split("\n")) {
            String[] digestAndName = line.split("  ", 2);
            assertThat(sha256sum(assembled.resolve("artifacts").resolve(digestAndName[1])))
                    .isEqualTo(digestAndName[0]);
        }
        assertThat(UniverseFiles.json(assembled.resolve("marathon.json"))
                        .path("id")
                        .asText())
                .isEqualTo("/cassandra");
    }

    /** Independent of the code under test: the coreutils sha256sum of the file. */
    private static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out.split("\\s+")[0];
    }
}

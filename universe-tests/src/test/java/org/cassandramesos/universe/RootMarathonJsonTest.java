package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The root marathon.json is the package's app with every default: only where the artifacts live may differ. */
class RootMarathonJsonTest {

    @Test
    void rootMarathonJsonIsTheTemplateRenderedWithDefaultsModuloArtifactUris() {
        JsonNode root = UniverseFiles.json(UniverseFiles.repoRoot().resolve("marathon.json"));
        JsonNode resource = UniverseFiles.json(UniverseFiles.universe().resolve("resource.json"));
        JsonNode rendered = MarathonAppRenderer.renderJson(
                UniverseFiles.template(), PackageOptions.defaults(UniverseFiles.configSchema()), resource);

        assertThat(withoutArtifactUris(root)).isEqualTo(withoutArtifactUris(rendered));
    }

    @Test
    void rootMarathonJsonPointsAtTheSameArtifactFiles() {
        JsonNode root = UniverseFiles.json(UniverseFiles.repoRoot().resolve("marathon.json"));

        assertThat(root.path("fetch").get(0).path("uri").asText()).endsWith("/cassandra-scheduler.tar.gz");
        assertThat(root.path("env").path("EXECUTOR_URI").asText()).endsWith("/cassandra-executor.tar.gz");
        assertThat(root.path("env").path("CASSANDRA_URI").asText()).endsWith("/cassandra-dist.tar.gz");
        assertThat(root.path("env").path("JAVA_RUNTIME_URI").asText()).endsWith("/java-runtime.tar.gz");
        assertThat(root.path("fetch").get(1).path("uri").asText()).endsWith("/java-runtime.tar.gz");
        assertThat(root.toString()).doesNotContain("{{");
    }

    private static JsonNode withoutArtifactUris(JsonNode app) {
        ObjectNode copy = app.deepCopy();
        ObjectNode env = (ObjectNode) copy.get("env");
        env.remove("EXECUTOR_URI");
        env.remove("CASSANDRA_URI");
        env.remove("JAVA_RUNTIME_URI");
        ((ObjectNode) copy.get("fetch").get(0)).remove("uri");
        ((ObjectNode) copy.get("fetch").get(1)).remove("uri");
        return copy;
    }
}

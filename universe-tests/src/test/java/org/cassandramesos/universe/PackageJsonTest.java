package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PackageJsonTest {
    @Test
    void isAPackagingVersion4FrameworkNamedCassandra() {
        JsonNode pkg = UniverseFiles.json(UniverseFiles.universe().resolve("package.json"));

        assertThat(pkg.path("packagingVersion").asText()).isEqualTo("4.0");
        assertThat(pkg.path("name").asText()).isEqualTo("cassandra");
        assertThat(pkg.path("framework").asBoolean()).isTrue();
        assertThat(pkg.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+-5\\.0\\.\\d+");
        assertThat(pkg.path("minDcosReleaseVersion").asText()).matches("\\d+\\.\\d+");
        for (String field : new String[] {"description", "maintainer", "preInstallNotes", "postInstallNotes"}) {
            assertThat(pkg.path(field).asText()).as(field).isNotBlank();
        }
        assertThat(pkg.path("tags")).isNotEmpty();
    }

    /**
     * Universe's v4 schema requires both arrays. Any earlier version may upgrade (a pre-0.2 state root is kept); none may
     * be downgraded to: an older scheduler looks for its state at /<name> and would start a second framework beside the
     * one at /dcos-service-<name> (docs/zookeeper.md).
     */
    @Test
    void everyInstalledVersionMayUpgradeToThisOneAndNoneIsADowngradeTarget() {
        JsonNode pkg = UniverseFiles.json(UniverseFiles.universe().resolve("package.json"));

        assertThat(pkg.path("upgradesFrom").isArray()).isTrue();
        assertThat(pkg.path("upgradesFrom").toString()).isEqualTo("[\"*\"]");
        assertThat(pkg.path("downgradesTo").isArray()).isTrue();
        assertThat(pkg.path("downgradesTo")).isEmpty();
    }

    /** The notes say what the uninstall plan did, not that resources were left behind. */
    @Test
    void postUninstallNotesDescribeTheUninstallPlan() {
        String notes = UniverseFiles.json(UniverseFiles.universe().resolve("package.json"))
                .path("postUninstallNotes")
                .asText();

        assertThat(notes)
                .contains(
                        "destroyed every persistent volume",
                        "unreserved every reservation",
                        "/dcos-service-<service-name>",
                        "tore its framework down")
                .doesNotContain("left in place");
    }
}

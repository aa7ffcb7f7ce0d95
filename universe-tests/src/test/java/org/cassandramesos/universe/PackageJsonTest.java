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
}

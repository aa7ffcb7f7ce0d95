package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OptionsValidatorTest {
    private static final Path EXAMPLES = Path.of("src/test/resources/options").toAbsolutePath();
    private final OptionsValidator validator = new OptionsValidator(UniverseFiles.configSchema());

    static Stream<Arguments> validExamples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("valid"))) {
            return files.sorted().map(f -> Arguments.of(f.getFileName().toString())).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void validExampleOptionsPass(String file) {
        assertThat(validator.validate(
                        UniverseFiles.json(EXAMPLES.resolve("valid").resolve(file))))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "negative-node-count.json      | $.nodes.count",
                "heap-not-below-mem.json       | must be below nodes.mem",
                "unknown-auth-mode.json        | $.service.auth_mode",
                "count-as-string.json          | integer",
                "unknown-option.json           | instances",
                "more-seeds-than-nodes.json    | cannot exceed nodes.count",
                "token-mode-without-secret.json | auth_token_secret",
                "port-out-of-range.json        | $.cassandra.native_port",
                "backup-location-not-a-url.json | $.backups.location",
                "service-account-without-secret.json | service_account_secret go together",
                "two-framework-credentials.json | not both",
                "secret-store-delivery-of-generated-secrets.json | set service.cluster_secrets_in_secret_store",
            })
    void badOptionsFailWithAReadableError(String file, String expectedFragment) {
        List<String> errors = validator.validate(
                UniverseFiles.json(EXAMPLES.resolve("invalid").resolve(file)));

        assertThat(errors).isNotEmpty();
        assertThat(String.join("\n", errors)).contains(expectedFragment);
    }

    @Test
    void theDefaultsThemselvesAreValid() {
        assertThat(validator.validate(PackageOptions.defaults(UniverseFiles.configSchema())))
                .isEmpty();
    }

    @Test
    void everySettingHasADescriptionAndEveryLeafADefault() {
        UniverseFiles.configSchema().path("properties").fields().forEachRemaining(group -> {
            assertThat(group.getValue().path("description").asText())
                    .as(group.getKey())
                    .isNotBlank();
            assertThat(group.getValue().path("required").size())
                    .as(group.getKey() + " required")
                    .isPositive();
            group.getValue().path("properties").fields().forEachRemaining(setting -> {
                String name = group.getKey() + "." + setting.getKey();
                assertThat(setting.getValue().path("description").asText())
                        .as(name)
                        .isNotBlank();
                assertThat(setting.getValue().has("default"))
                        .as(name + " default")
                        .isTrue();
            });
        });
    }
}

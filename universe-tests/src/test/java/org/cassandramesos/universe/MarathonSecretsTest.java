package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarathonSecretsTest {
    private static JsonNode app(String json) throws Exception {
        return UniverseFiles.JSON.readTree(json);
    }

    @Test
    void aSecretReferenceIsResolvedFromTheStoreAtItsSourcePath() throws Exception {
        JsonNode app = app("{\"env\": {\"PLAIN\": \"x\", \"TOKEN\": {\"secret\": \"token\"}},"
                + " \"secrets\": {\"token\": {\"source\": \"cassandra/node-api-token\"}}}");

        assertThat(MarathonSecrets.environment(app, Optional.of(Map.of("cassandra/node-api-token", "s3cret"))))
                .containsExactly(Map.entry("PLAIN", "x"), Map.entry("TOKEN", "s3cret"));
        assertThat(MarathonSecrets.referencesSecrets(app)).isTrue();
    }

    @Test
    void withoutAStoreAnAppThatDeclaresSecretsIsRefused() throws Exception {
        JsonNode app =
                app("{\"env\": {\"TOKEN\": {\"secret\": \"token\"}}, \"secrets\": {\"token\": {\"source\": \"a/b\"}}}");

        assertThatThrownBy(() -> MarathonSecrets.environment(app, Optional.empty()))
                .hasMessageContaining("no secret store")
                .hasMessageContaining("token");
    }

    @Test
    void aPathTheStoreDoesNotHoldIsAnErrorNamingThePathNotAValue() throws Exception {
        JsonNode app =
                app("{\"env\": {\"TOKEN\": {\"secret\": \"token\"}}, \"secrets\": {\"token\": {\"source\": \"a/b\"}}}");

        assertThatThrownBy(() -> MarathonSecrets.environment(app, Optional.of(Map.of("a/c", "value-c"))))
                .hasMessageContaining("TOKEN")
                .hasMessageContaining("a/b")
                .hasMessageNotContaining("value-c");
    }

    @Test
    void aReferenceToAnUndeclaredSecretIsAnError() throws Exception {
        JsonNode app = app("{\"env\": {\"TOKEN\": {\"secret\": \"nope\"}}, \"secrets\": {}}");

        assertThatThrownBy(() -> MarathonSecrets.environment(app, Optional.of(Map.of())))
                .hasMessageContaining("nope");
    }

    @Test
    void anAppWithPlainValuesOnlyNeedsNoStore() throws Exception {
        JsonNode app = app("{\"env\": {\"A\": \"1\"}}");

        assertThat(MarathonSecrets.environment(app, Optional.empty())).containsExactly(Map.entry("A", "1"));
        assertThat(MarathonSecrets.referencesSecrets(app)).isFalse();
    }
}

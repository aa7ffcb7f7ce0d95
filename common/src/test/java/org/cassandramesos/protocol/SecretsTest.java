package org.cassandramesos.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void redactsSecretLookingValuesAtAnyDepth() {
        Map<String, Object> settings = Map.of(
                "cluster_name",
                "c",
                "server_encryption_options",
                Map.of("keystore_password", "hunter2", "keystore", "/k"),
                "list",
                List.of(Map.of("aws_secret_access_key", "s3cr3t")),
                "node_api_token",
                "t");

        Map<String, Object> redacted = Secrets.redact(settings);

        assertThat(redacted.toString()).doesNotContain("hunter2", "s3cr3t", "=t,", "=t}");
        assertThat(redacted).containsEntry("cluster_name", "c").containsEntry("node_api_token", Secrets.REDACTED);
        assertThat(redacted.get("server_encryption_options"))
                .isEqualTo(Map.of("keystore_password", Secrets.REDACTED, "keystore", "/k"));
    }
}

package org.cassandramesos.protocol.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsMessageTest {
    @Test
    void theRequestIsTheDocumentedJson() {
        byte[] json = SecretsMessage.encode(new SecretsMessage.Request("node-0__1", "AAAA"));

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"secrets-request\",\"task_id\":\"node-0__1\",\"public_key\":\"AAAA\"}");
        assertThat(SecretsMessage.decode(json)).isEqualTo(new SecretsMessage.Request("node-0__1", "AAAA"));
    }

    @Test
    void answersAndRefusalsRoundTrip() {
        SecretsMessage.Answer answer = SecretsMessage.Answer.of("t", new byte[] {1, 2, 3});
        assertThat(SecretsMessage.decode(SecretsMessage.encode(answer))).isEqualTo(answer);
        assertThat(((SecretsMessage.Answer) SecretsMessage.decode(SecretsMessage.encode(answer))).box())
                .containsExactly(1, 2, 3);
        SecretsMessage.Refusal refusal = new SecretsMessage.Refusal("t", "already delivered");
        assertThat(SecretsMessage.decode(SecretsMessage.encode(refusal))).isEqualTo(refusal);
    }

    @Test
    void foreignOrIncompleteMessagesAreRefused() {
        for (String bad : new String[] {"hello", "{}", "{\"type\":\"other\",\"task_id\":\"t\"}",
                "{\"type\":\"secrets-request\",\"task_id\":\"t\"}", "{\"type\":\"secrets\",\"sealed\":\"AA\"}"}) {
            assertThatThrownBy(() -> SecretsMessage.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SecretsMessage.decode(new byte[SecretsMessage.MAX_BYTES + 1]))
                .hasMessageContaining("larger than");
    }

    @Test
    void aBundleRoundTripsAndNeverPrintsItsValues() {
        SecretBundle bundle = SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, "s3cr3t-value", "cql_password", "pw-value"));

        assertThat(SecretBundle.decode(bundle.encode())).isEqualTo(bundle);
        assertThat(bundle.require(SecretBundle.NODE_API_TOKEN)).isEqualTo("s3cr3t-value");
        assertThat(bundle.toString()).contains("node_api_token", "cql_password")
                .doesNotContain("s3cr3t-value").doesNotContain("pw-value");
        assertThatThrownBy(() -> bundle.require("jmx_password")).hasMessageContaining("jmx_password")
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> SecretBundle.of(Map.of("empty", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBundle.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

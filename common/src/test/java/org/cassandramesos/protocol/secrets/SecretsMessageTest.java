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
        for (String bad : new String[] {
            "hello",
            "{}",
            "{\"type\":\"other\",\"task_id\":\"t\"}",
            "{\"type\":\"secrets-request\",\"task_id\":\"t\"}",
            "{\"type\":\"secrets\",\"sealed\":\"AA\"}"
        }) {
            assertThatThrownBy(() -> SecretsMessage.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SecretsMessage.decode(new byte[SecretsMessage.MAX_BYTES + 1]))
                .hasMessageContaining("larger than");
    }

    @Test
    void aBundleRoundTripsAndNeverPrintsItsValues() {
        SecretBundle bundle =
                SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, "s3cr3t-value", "cql_password", "pw-value"));

        assertThat(SecretBundle.decode(bundle.encode())).isEqualTo(bundle);
        assertThat(bundle.require(SecretBundle.NODE_API_TOKEN)).isEqualTo("s3cr3t-value");
        assertThat(bundle.toString())
                .contains("node_api_token", "cql_password")
                .doesNotContain("s3cr3t-value")
                .doesNotContain("pw-value");
        assertThatThrownBy(() -> bundle.require("jmx_password"))
                .hasMessageContaining("jmx_password")
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> SecretBundle.of(Map.of("empty", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBundle.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recallsAndReturnsRoundTripAndAReturnBoxIsNotAnAnswerBox() {
        SecretsMessage.Recall recall = new SecretsMessage.Recall("node-0__1", "AAAA");
        assertThat(new String(SecretsMessage.encode(recall), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"secrets-recall\",\"task_id\":\"node-0__1\",\"public_key\":\"AAAA\"}");
        assertThat(SecretsMessage.decode(SecretsMessage.encode(recall))).isEqualTo(recall);
        SecretsMessage.Return back = SecretsMessage.Return.of("node-0__1", new byte[] {4, 5});
        assertThat(SecretsMessage.decode(SecretsMessage.encode(back))).isEqualTo(back);
        assertThatThrownBy(() -> SecretsMessage.decode(
                        "{\"type\":\"secrets-return\",\"task_id\":\"t\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);

        var scheduler = SealedBox.newKeyPair();
        byte[] box = SealedBox.seal(scheduler.getPublic(), SecretsMessage.returnContext("node-0__1"), new byte[] {9});
        assertThat(SealedBox.open(scheduler, SecretsMessage.returnContext("node-0__1"), box))
                .containsExactly(9);
        assertThatThrownBy(() -> SealedBox.open(scheduler, "node-0__1", box))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClusterPartKeepsOnlySharedSecretsAndItsFingerprintIsStable() {
        SecretBundle bundle = SecretBundle.of(Map.of(
                SecretBundle.NODE_API_TOKEN,
                "token-value",
                SecretBundle.CQL_PASSWORD,
                "pw-value",
                "tls_key",
                "key-value"));

        SecretBundle cluster = bundle.clusterPart();
        assertThat(cluster.asMap()).containsOnlyKeys(SecretBundle.NODE_API_TOKEN, SecretBundle.CQL_PASSWORD);
        assertThat(cluster.fingerprint())
                .hasSize(64)
                .isEqualTo(SecretBundle.decode(cluster.encode()).fingerprint())
                .doesNotContain("token-value");
        assertThat(SecretBundle.of(Map.of(SecretBundle.NODE_API_TOKEN, "token-value"))
                        .fingerprint())
                .isNotEqualTo(cluster.fingerprint());
    }
}

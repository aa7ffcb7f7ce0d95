package org.cassandramesos.scheduler.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.cassandramesos.scheduler.secrets.GeneratedSecretsStart.Action;
import org.cassandramesos.scheduler.state.ClusterSecretsStore;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.junit.jupiter.api.Test;

class ClusterSecretsTest {
    private final MemoryPersister persister = new MemoryPersister();
    private final ClusterSecretsStore store = new ClusterSecretsStore(persister);

    @Test
    void startsByGeneratingOnlyWhenNoExecutorCanDependOnEarlierSecrets() {
        var undelivered = Optional.of(new ClusterSecretsStore.Record("ab", false));
        var delivered = Optional.of(new ClusterSecretsStore.Record("ab", true));

        assertThat(GeneratedSecretsStart.decide(Optional.empty(), false)).isEqualTo(Action.GENERATE);
        assertThat(GeneratedSecretsStart.decide(undelivered, true)).isEqualTo(Action.GENERATE);
        assertThat(GeneratedSecretsStart.decide(delivered, true)).isEqualTo(Action.RECOVER);
        assertThat(GeneratedSecretsStart.decide(delivered, false)).isEqualTo(Action.RECOVER);
        assertThat(GeneratedSecretsStart.decide(Optional.empty(), true)).isEqualTo(Action.REFUSE);
    }

    @Test
    void aFirstInstallMakesStrongSecretsAndStoresOnlyTheirFingerprint() {
        ClusterSecrets secrets = ClusterSecrets.generated(store, false);

        SecretBundle held = secrets.held().orElseThrow();
        assertThat(held.require(SecretBundle.NODE_API_TOKEN)).hasSizeGreaterThanOrEqualTo(43);
        assertThat(held.require(SecretBundle.CQL_PASSWORD)).hasSizeGreaterThanOrEqualTo(32);
        String stored = new String(persister.get("/cluster-secrets").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(stored)
                .contains(held.fingerprint())
                .doesNotContain(held.require(SecretBundle.NODE_API_TOKEN))
                .doesNotContain(held.require(SecretBundle.CQL_PASSWORD));
        assertThat(secrets.toString()).doesNotContain(held.require(SecretBundle.NODE_API_TOKEN));
        assertThat(store.get().orElseThrow().delivered()).isFalse();
        assertThat(secrets.recallKey()).isEmpty();
    }

    @Test
    void secretsNoExecutorGotAreMadeAgainAfterARestart() {
        SecretBundle first = ClusterSecrets.generated(store, false).held().orElseThrow();

        SecretBundle second = ClusterSecrets.generated(store, true).held().orElseThrow();

        assertThat(second).isNotEqualTo(first);
        assertThat(store.get().orElseThrow().fingerprint()).isEqualTo(second.fingerprint());
    }

    @Test
    void aRestartedSchedulerHoldsNothingUntilANodeReturnsTheClustersOwnSecrets() {
        ClusterSecrets before = ClusterSecrets.generated(store, false);
        before.beforeDelivery();
        SecretBundle kept = before.held().orElseThrow();

        ClusterSecrets after = ClusterSecrets.generated(store, true);
        assertThat(after.held()).isEmpty();
        assertThat(after.get(SecretBundle.NODE_API_TOKEN)).isEmpty();
        var key = after.recallKey().orElseThrow();

        SecretBundle forged = SecretBundle.of(Map.of(
                SecretBundle.NODE_API_TOKEN,
                "forged-token-forged-token-forged-1",
                SecretBundle.CQL_PASSWORD,
                "forged"));
        assertThat(after.recover(
                        "node-0__1", SealedBox.seal(key, SecretsMessage.returnContext("node-0__1"), forged.encode())))
                .isFalse();
        assertThat(after.recover("node-0__1", SealedBox.seal(key, "node-0__1", kept.encode())))
                .as("a box for another context")
                .isFalse();
        assertThat(after.recover(
                        "node-0__1",
                        SealedBox.seal(
                                SealedBox.newKeyPair().getPublic(),
                                SecretsMessage.returnContext("node-0__1"),
                                kept.encode())))
                .as("sealed to another key")
                .isFalse();
        assertThat(after.held()).isEmpty();

        assertThat(after.recover(
                        "node-1__2", SealedBox.seal(key, SecretsMessage.returnContext("node-1__2"), kept.encode())))
                .isTrue();
        assertThat(after.held()).contains(kept);
        assertThat(after.recallKey()).isEmpty();
        assertThat(after.recover(
                        "node-1__2", SealedBox.seal(key, SecretsMessage.returnContext("node-1__2"), kept.encode())))
                .as("once held, returns change nothing")
                .isFalse();
    }

    @Test
    void nodesThatGotTheirSecretsFromTheEnvironmentAreNotLockedOut() {
        assertThatThrownBy(() -> ClusterSecrets.generated(store, true))
                .hasMessageContaining("CLUSTER_SECRETS=environment");
        assertThat(store.get()).isEmpty();
    }

    @Test
    void environmentSecretsAreHeldFromTheStart() {
        ClusterSecrets secrets = ClusterSecrets.fromEnvironment(Optional.of("token"), Optional.of(""));

        assertThat(secrets.get(SecretBundle.NODE_API_TOKEN)).contains("token");
        assertThat(secrets.get(SecretBundle.CQL_PASSWORD)).isEmpty();
        secrets.beforeDelivery();
        assertThat(persister.get("/cluster-secrets")).isEmpty();
    }
}

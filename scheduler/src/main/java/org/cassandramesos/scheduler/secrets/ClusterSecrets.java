package org.cassandramesos.scheduler.secrets;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.secrets.SealedBox;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.cassandramesos.scheduler.state.ClusterSecretsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets every node of the cluster shares ({@link SecretBundle#CLUSTER_SECRETS}: the node API token, the CQL
 * superuser's password) as this scheduler holds them now (docs/secrets.md).
 *
 * <p>From the environment ({@code CLUSTER_SECRETS=environment}, e.g. the DC/OS secret store) they are held from the
 * start. Generated ({@code CLUSTER_SECRETS=generated}, for clusters without a secret store) they are made on the
 * first install and kept by the nodes, on their volumes; ZooKeeper keeps only their fingerprint. A restarted scheduler
 * then holds none: it is <em>recovering</em>, with an ephemeral key pair a node seals them to
 * ({@code secrets-recall}/{@code secrets-return}), and holds them again once a returned bundle matches the fingerprint.
 */
public final class ClusterSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private sealed interface State permits Held, Recovering {}

    private record Held(SecretBundle bundle) implements State {}

    private record Recovering(KeyPair key, String fingerprint) implements State {}

    private final Optional<ClusterSecretsStore> store;
    private volatile State state;
    private volatile boolean delivered;

    private ClusterSecrets(Optional<ClusterSecretsStore> store, State state, boolean delivered) {
        this.store = store;
        this.state = state;
        this.delivered = delivered;
    }

    /** The operator's secrets, from the scheduler's environment; either may be absent. */
    public static ClusterSecrets fromEnvironment(Optional<String> nodeApiToken, Optional<String> cqlPassword) {
        Map<String, String> values = new LinkedHashMap<>();
        nodeApiToken.filter(v -> !v.isBlank()).ifPresent(v -> values.put(SecretBundle.NODE_API_TOKEN, v));
        cqlPassword.filter(v -> !v.isBlank()).ifPresent(v -> values.put(SecretBundle.CQL_PASSWORD, v));
        return new ClusterSecrets(Optional.empty(), new Held(SecretBundle.of(values)), true);
    }

    /**
     * Generated secrets: made now on a first install, else recovered from the nodes ({@link GeneratedSecretsStart}).
     *
     * @param nodesExist whether any node was ever launched
     * @throws IllegalStateException when nodes exist that got their secrets from the environment
     */
    public static ClusterSecrets generated(ClusterSecretsStore store, boolean nodesExist) {
        Optional<ClusterSecretsStore.Record> record = store.get();
        return switch (GeneratedSecretsStart.decide(record, nodesExist)) {
            case GENERATE -> {
                SecretBundle made = SecretBundle.of(
                        Map.of(SecretBundle.NODE_API_TOKEN, random(32), SecretBundle.CQL_PASSWORD, random(24)));
                store.store(new ClusterSecretsStore.Record(made.fingerprint(), false));
                LOG.info(
                        "cluster secrets {} generated: the nodes will keep them, ZooKeeper only their fingerprint",
                        made);
                yield new ClusterSecrets(Optional.of(store), new Held(made), false);
            }
            case RECOVER -> {
                LOG.info("cluster secrets generated earlier: asking the nodes for them back (secrets-recall)");
                yield new ClusterSecrets(
                        Optional.of(store),
                        new Recovering(
                                SealedBox.newKeyPair(), record.orElseThrow().fingerprint()),
                        true);
            }
            case REFUSE ->
                throw new IllegalStateException("CLUSTER_SECRETS=generated, but this service's nodes got "
                        + "their secrets from the environment (there is no generated-secrets record in ZooKeeper): keep "
                        + "CLUSTER_SECRETS=environment with the same NODE_API_TOKEN and CQL_SUPERUSER_PASSWORD");
        };
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** The secrets, while held. */
    public Optional<SecretBundle> held() {
        return state instanceof Held held ? Optional.of(held.bundle()) : Optional.empty();
    }

    public Optional<String> get(String name) {
        return held().flatMap(bundle -> bundle.get(name));
    }

    /** While recovering: the public key nodes seal the secrets to. */
    public Optional<PublicKey> recallKey() {
        return state instanceof Recovering recovering
                ? Optional.of(recovering.key().getPublic())
                : Optional.empty();
    }

    /**
     * A node's {@code secrets-return} for its task {@code taskId}: held from now on if it opens with the recall key
     * and is the cluster's own (same fingerprint).
     *
     * @return whether this return recovered the secrets
     */
    public synchronized boolean recover(String taskId, byte[] box) {
        if (!(state instanceof Recovering recovering)) {
            return false;
        }
        SecretBundle returned;
        try {
            returned = SecretBundle.decode(SealedBox.open(recovering.key(), SecretsMessage.returnContext(taskId), box))
                    .clusterPart();
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "a secrets return from task {} does not open with this scheduler's recall key: {}",
                    taskId,
                    e.getMessage());
            return false;
        }
        if (!returned.fingerprint().equals(recovering.fingerprint())) {
            LOG.warn(
                    "task {} returned secrets {} that are not this cluster's (fingerprint differs): ignored",
                    taskId,
                    returned);
            return false;
        }
        state = new Held(returned);
        return true;
    }

    /**
     * Called before secrets first leave the scheduler: from then on the nodes depend on them, and a restarted
     * scheduler must recover them rather than make new ones.
     */
    public synchronized void beforeDelivery() {
        if (delivered || store.isEmpty()) {
            return;
        }
        ClusterSecretsStore.Record record = store.get()
                .get()
                .orElseThrow(() -> new IllegalStateException("the generated-secrets record vanished from ZooKeeper"));
        store.get().store(record.markDelivered());
        delivered = true;
    }

    @Override
    public String toString() {
        return state instanceof Held held ? "ClusterSecrets(" + held.bundle() + ")" : "ClusterSecrets(recovering)";
    }
}

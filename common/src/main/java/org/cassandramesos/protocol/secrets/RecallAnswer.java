package org.cassandramesos.protocol.secrets;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an executor answers to a {@code secrets-recall} (docs/secrets.md): the cluster secrets it holds
 * ({@link SecretBundle#clusterPart()}) sealed to the recall's key for {@link SecretsMessage#returnContext} of its own
 * task, or nothing, with the reason to log. A recall for another task than the executor's, with a key that is not an
 * X25519 public key, or to an executor that holds no cluster secrets gets nothing.
 */
public sealed interface RecallAnswer {
    /** Send this {@code secrets-return}. */
    record Send(SecretsMessage.Return message) implements RecallAnswer {}

    /** Send nothing; {@code why} names no secret value. */
    record Nothing(String why) implements RecallAnswer {}

    /**
     * @param ownTaskId the executor's current task, if it was launched with one
     * @param held      the secrets the executor holds (asked only once the recall is for its task and has a valid key,
     *                  so a stray recall costs no read of the volume)
     */
    static RecallAnswer to(
            SecretsMessage.Recall recall, Optional<String> ownTaskId, Supplier<Optional<SecretBundle>> held) {
        String taskId = recall.taskId();
        if (ownTaskId.isEmpty()) {
            return new Nothing("a secrets recall for task " + taskId + ", but this executor was launched with no task");
        }
        if (!ownTaskId.get().equals(taskId)) {
            return new Nothing(
                    "a secrets recall for task " + taskId + ", but this executor runs task " + ownTaskId.get());
        }
        PublicKey key;
        try {
            key = SealedBox.decodePublicKey(recall.publicKey());
        } catch (IllegalArgumentException e) {
            return new Nothing("a secrets recall for task " + taskId + " whose public key is not an X25519 key");
        }
        Optional<SecretBundle> clusterPart =
                held.get().map(SecretBundle::clusterPart).filter(part -> !part.isEmpty());
        if (clusterPart.isEmpty()) {
            return new Nothing("a secrets recall for task " + taskId + ", which holds no cluster secrets");
        }
        byte[] plaintext = clusterPart.get().encode();
        try {
            return new Send(SecretsMessage.Return.of(
                    taskId, SealedBox.seal(key, SecretsMessage.returnContext(taskId), plaintext)));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}

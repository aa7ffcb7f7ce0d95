package org.cassandramesos.executor.secrets;

import java.io.IOException;
import java.util.Optional;
import org.cassandramesos.protocol.secrets.RecallAnswer;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.protocol.secrets.SecretsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster secrets of this executor's task (docs/secrets.md): held in memory once delivered, kept on the task's
 * persistent volume when the scheduler sent them (so the node still has them for a scheduler that generated them and
 * restarted), and answered, sealed, to a {@code secrets-recall} for the task: from memory, else from the volume (a
 * recall can come while the task still waits for its own secrets, from a scheduler that lost them).
 */
public final class ClusterSecretsKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecretsKeeper.class);

    // Guarded by this: the executor's current task, its volume and the secrets it was given.
    private String taskId;
    private VolumeSecrets volume;
    private SecretBundle held;

    /** {@code taskId} was launched with its persistent volume; it holds no secrets yet. */
    public synchronized void launched(String taskId, VolumeSecrets volume) {
        this.taskId = taskId;
        this.volume = volume;
        this.held = null;
    }

    /**
     * The scheduler delivered {@code taskId}'s secrets (the handshake): held, and their cluster part written to the
     * volume, before the node starts.
     */
    public void keep(String taskId, SecretBundle bundle) throws IOException {
        VolumeSecrets target = hold(taskId, bundle);
        if (target.write(bundle)) {
            LOG.info("kept the cluster secrets {} of task {} in {}", bundle.clusterPart(), taskId, target.file());
        }
    }

    /**
     * {@code taskId}'s secrets came from the environment (a secret store keeps them): held in memory only. Returns the
     * task's volume.
     */
    public synchronized VolumeSecrets hold(String taskId, SecretBundle bundle) {
        if (!taskId.equals(this.taskId)) {
            throw new IllegalStateException("secrets for task " + taskId + ", but the current task is " + this.taskId);
        }
        held = bundle;
        return volume;
    }

    /** What to answer to {@code recall}. */
    public RecallAnswer answer(SecretsMessage.Recall recall) {
        String own;
        SecretBundle inMemory;
        VolumeSecrets onVolume;
        synchronized (this) {
            own = taskId;
            inMemory = held;
            onVolume = volume;
        }
        return RecallAnswer.to(
                recall,
                Optional.ofNullable(own),
                () -> Optional.ofNullable(inMemory)
                        .map(SecretBundle::clusterPart)
                        .filter(part -> !part.isEmpty())
                        .or(() -> read(onVolume)));
    }

    private static Optional<SecretBundle> read(VolumeSecrets volume) {
        try {
            Optional<SecretBundle> kept = volume.read();
            kept.ifPresent(part ->
                    LOG.info("answering a secrets recall with the cluster secrets {} kept in {}", part, volume.file()));
            return kept;
        } catch (IOException e) {
            LOG.warn("cannot read the cluster secrets kept on the volume: {}", e.getMessage());
            return Optional.empty();
        }
    }
}

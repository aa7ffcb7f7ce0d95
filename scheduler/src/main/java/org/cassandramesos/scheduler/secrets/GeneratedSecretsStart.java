package org.cassandramesos.scheduler.secrets;

import java.util.Optional;
import org.cassandramesos.scheduler.state.ClusterSecretsStore;

/**
 * What a scheduler with generated cluster secrets does at start (docs/secrets.md): a pure decision on what ZooKeeper
 * says.
 */
public final class GeneratedSecretsStart {
    private GeneratedSecretsStart() {}

    public enum Action {
        /** First install, or secrets no executor ever got: make new ones. */
        GENERATE,
        /** Executors hold them: ask the nodes for them back. */
        RECOVER,
        /** Nodes exist that got their secrets from the environment: generated ones would lock them out. */
        REFUSE
    }

    /**
     * @param record the stored fingerprint record, if any
     * @param nodesExist whether the state has any node (a task was ever launched)
     */
    public static Action decide(Optional<ClusterSecretsStore.Record> record, boolean nodesExist) {
        if (record.isPresent()) {
            return record.get().delivered() ? Action.RECOVER : Action.GENERATE;
        }
        return nodesExist ? Action.REFUSE : Action.GENERATE;
    }
}

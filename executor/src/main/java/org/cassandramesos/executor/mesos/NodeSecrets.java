package org.cassandramesos.executor.mesos;

import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler gives this executor to keep secret, in one value: the node API token and the CQL superuser's
 * password (absent when the service runs without CQL logins). Never logged: {@link #toString()} shows no value.
 */
public record NodeSecrets(String nodeApiToken, Optional<String> cqlPassword) {
    public NodeSecrets {
        Objects.requireNonNull(nodeApiToken, "nodeApiToken");
        cqlPassword = cqlPassword == null ? Optional.empty() : cqlPassword.filter(p -> !p.isBlank());
    }

    @Override
    public String toString() {
        return "NodeSecrets[nodeApiToken=<redacted>, cqlPassword=" + (cqlPassword.isPresent() ? "<redacted>" : "none") + "]";
    }
}

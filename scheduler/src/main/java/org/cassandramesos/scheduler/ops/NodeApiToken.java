package org.cassandramesos.scheduler.ops;

import java.util.Optional;

/**
 * The token the scheduler presents to the executors' node API (env {@code NODE_API_TOKEN}). The
 * executors get the same token as a Mesos SECRET environment variable, resolved by the agent, so it
 * never appears in master state, ZooKeeper, logs or API answers.
 */
public final class NodeApiToken {
    private final String value;

    public NodeApiToken(String value) {
        this.value = value == null || value.isBlank() ? null : value;
    }

    /** The token, for an {@code Authorization} header; empty when none is configured. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    @Override
    public String toString() {
        return value == null ? "NodeApiToken(none)" : "NodeApiToken(****)";
    }
}

package org.cassandramesos.scheduler.ops;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token the scheduler presents to the executors' node API (env {@code NODE_API_TOKEN}). The executors get the
 * same token sealed to their own key in a framework message, or as a Mesos SECRET environment variable on DC/OS
 * Enterprise (docs/secrets.md), so it never appears in master state, ZooKeeper, logs or API answers.
 */
public final class NodeApiToken {
    /** 32 characters: 24 random bytes in base64, e.g. {@code openssl rand -base64 24}. */
    public static final int MIN_LENGTH = 32;

    private static final int MIN_DISTINCT_CHARACTERS = 8;

    private final Supplier<Optional<String>> value;

    public NodeApiToken(String value) {
        Optional<String> fixed = Optional.ofNullable(value).filter(v -> !v.isBlank());
        this.value = () -> fixed;
    }

    private NodeApiToken(Supplier<Optional<String>> value) {
        this.value = value;
    }

    /** The token as {@code source} holds it at each call: generated secrets are held only once recovered. */
    public static NodeApiToken heldBy(Supplier<Optional<String>> source) {
        return new NodeApiToken(source);
    }

    /**
     * The configured token, refusing to start without a strong one: an empty token would leave every node API call
     * unauthenticated (401 from every executor), a short or repetitive one is guessable, and one equal to the API
     * token would let every API caller talk to the executors directly. The message never contains the token.
     */
    public static NodeApiToken requireStrong(String value, String apiToken) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("NODE_API_TOKEN is not set: the scheduler and its executors need a token "
                    + "of at least " + MIN_LENGTH + " random characters (docs/secrets.md)");
        }
        if (value.length() < MIN_LENGTH || value.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw new IllegalStateException("NODE_API_TOKEN is too weak: it needs at least " + MIN_LENGTH
                    + " characters and " + MIN_DISTINCT_CHARACTERS + " different ones (e.g. openssl rand -base64 24)");
        }
        if (value.equals(apiToken)) {
            throw new IllegalStateException("NODE_API_TOKEN equals AUTH_TOKEN: every API caller could call the "
                    + "executors' node API directly; use two different tokens");
        }
        return new NodeApiToken(value);
    }

    /** The token, for an {@code Authorization} header; empty when none is configured or not recovered yet. */
    public Optional<String> value() {
        return value.get();
    }

    @Override
    public String toString() {
        return value().isEmpty() ? "NodeApiToken(none)" : "NodeApiToken(****)";
    }
}

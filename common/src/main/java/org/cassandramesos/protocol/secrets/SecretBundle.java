package org.cassandramesos.protocol.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cassandramesos.protocol.TaskData;

/**
 * The named secrets an executor needs (name → value), held in memory only. {@link #toString} names the secrets but
 * never shows a value, so logging a bundle by mistake leaks nothing.
 */
public final class SecretBundle {
    /** The bearer token of the executor's node API. */
    public static final String NODE_API_TOKEN = "node_api_token";
    /** The password of the cluster's CQL superuser (when CQL logins are on). */
    public static final String CQL_PASSWORD = "cql_password";
    /**
     * The operator's configured backup location ({@code BACKUP_LOCATION}; not secret, but it travels with its keys so
     * an executor learns both one way), and its keys ({@code BACKUP_S3_ACCESS_KEY_ID}/{@code _SECRET_ACCESS_KEY}), when set.
     */
    public static final String BACKUP_LOCATION = "backup_location";

    public static final String BACKUP_ACCESS_KEY = "backup_s3_access_key";
    public static final String BACKUP_SECRET_KEY = "backup_s3_secret_key";

    /**
     * The secrets every node of a cluster shares and that outlive a task: the ones a scheduler that generated them
     * recovers from the nodes after a restart. Node TLS material is per node and issued afresh at each launch.
     */
    public static final Set<String> CLUSTER_SECRETS = Set.of(NODE_API_TOKEN, CQL_PASSWORD);

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final Map<String, String> values;

    private SecretBundle(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** A bundle of these secrets; names and values must be non-blank. */
    public static SecretBundle of(Map<String, String> values) {
        values.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null || value.isBlank()) {
                throw new IllegalArgumentException("secret '" + name + "' has an empty name or value");
            }
        });
        return new SecretBundle(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every secret by name (for readers that take several, e.g. the node's TLS material). */
    public Map<String, String> asMap() {
        return values;
    }

    /** The secret, or IllegalStateException naming the missing one. */
    public String require(String name) {
        return get(name)
                .orElseThrow(() -> new IllegalStateException("the secret '" + name
                        + "' was not delivered to this executor (has: " + new TreeMap<>(values).keySet() + ")"));
    }

    /** The {@link #CLUSTER_SECRETS} this bundle holds. */
    public SecretBundle clusterPart() {
        Map<String, String> part = new TreeMap<>(values);
        part.keySet().retainAll(CLUSTER_SECRETS);
        return new SecretBundle(part);
    }

    /**
     * SHA-256 (hex) of {@link #encode}: lets a scheduler recognise the cluster's own secrets when a node returns them,
     * without keeping them. Safe to store only for generated, high-entropy values (a digest of a chosen password
     * could be guessed offline).
     */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** JSON object of name → value: the plaintext that is sealed to the executor. */
    public byte[] encode() {
        try {
            return TaskData.mapper().writeValueAsBytes(new TreeMap<>(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SecretBundle decode(byte[] json) {
        try {
            Map<String, String> values = TaskData.mapper().readValue(json, MAP);
            if (values == null) {
                throw new IllegalArgumentException("the secrets are not a JSON object");
            }
            return of(values);
        } catch (IOException e) {
            throw new IllegalArgumentException("the secrets are not a JSON object of strings", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretBundle other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "SecretBundle" + new TreeMap<>(values).keySet() + "(values redacted)";
    }
}

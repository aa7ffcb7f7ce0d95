package org.cassandramesos.scheduler.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.scheduler.backup.BackupDefaults;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.tls.NodeCertificates;

/**
 * The secrets an executor gets through the handshake, by name ({@link SecretBundle}): the node API token, and with node
 * TLS on a fresh key and certificate for the node's agent issued by the cluster CA ({@code tls_key}, {@code tls_cert},
 * {@code tls_ca}), the CQL superuser's password ({@code cql_password}), and the configured backup location with its
 * keys, if any ({@code backup_location}, {@code backup_s3_access_key}, {@code backup_s3_secret_key}: seed 000's
 * {@code POST /restore} restores a backup by name from there). JMX needs none from here: each executor makes its node's own.
 */
public final class ExecutorSecrets {
    private final ClusterSecrets cluster;
    private final Optional<NodeCertificates> certificates;
    private final BackupDefaults backups;

    /** @param cluster the secrets every node shares (node API token, CQL superuser password) */
    public ExecutorSecrets(ClusterSecrets cluster, Optional<NodeCertificates> certificates) {
        this(cluster, certificates, BackupDefaults.NONE);
    }

    /** @param backups the operator's backup settings: their configured location and its keys go to every executor */
    public ExecutorSecrets(ClusterSecrets cluster, Optional<NodeCertificates> certificates, BackupDefaults backups) {
        this.cluster = cluster;
        this.certificates = certificates;
        this.backups = backups;
    }

    /** The secrets every node shares, as the scheduler holds them now. */
    public ClusterSecrets cluster() {
        return cluster;
    }

    /** The bundle for the executor of {@code node}, running on {@code agent}; only while the cluster's are held. */
    public SecretBundle forNode(String node, AgentFacts agent) {
        SecretBundle shared = cluster.held()
                .orElseThrow(() -> new IllegalStateException("the cluster's secrets are not held (recovering)"));
        shared.get(SecretBundle.NODE_API_TOKEN)
                .orElseThrow(() -> new IllegalStateException("no NODE_API_TOKEN configured"));
        Map<String, String> values = new LinkedHashMap<>(shared.asMap());
        certificates.ifPresent(ca -> values.putAll(
                ca.issue(node, agent.ip(), List.of(agent.hostname())).asSecrets()));
        backups.location().ifPresent(location -> values.put(SecretBundle.BACKUP_LOCATION, location));
        backups.keys().ifPresent(keys -> {
            values.put(SecretBundle.BACKUP_ACCESS_KEY, keys.accessKey());
            values.put(SecretBundle.BACKUP_SECRET_KEY, keys.secretKey());
        });
        return SecretBundle.of(values);
    }

    @Override
    public String toString() {
        return "ExecutorSecrets(values redacted" + (certificates.isPresent() ? ", node TLS" : "") + ")";
    }
}

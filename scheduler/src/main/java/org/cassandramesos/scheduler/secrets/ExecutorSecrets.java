package org.cassandramesos.scheduler.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.ops.NodeApiToken;
import org.cassandramesos.scheduler.tls.NodeCertificates;

/**
 * The secrets an executor gets through the handshake, by name ({@link SecretBundle}): the node API token, and with node
 * TLS on a fresh key and certificate for the node's agent issued by the cluster CA ({@code tls_key}, {@code tls_cert},
 * {@code tls_ca}), and the CQL superuser's password ({@code cql_password}). JMX needs none from here: each executor
 * makes its node's own.
 */
public final class ExecutorSecrets {
    private final NodeApiToken nodeApiToken;
    private final Optional<String> cqlPassword;
    private final Optional<NodeCertificates> certificates;

    /** @param cqlPassword the CQL superuser's password ({@code CQL_SUPERUSER_PASSWORD}); needed when CQL logins are on */
    public ExecutorSecrets(NodeApiToken nodeApiToken, Optional<String> cqlPassword,
            Optional<NodeCertificates> certificates) {
        this.nodeApiToken = nodeApiToken;
        this.cqlPassword = cqlPassword.filter(p -> !p.isBlank());
        this.certificates = certificates;
    }

    /** The bundle for the executor of {@code node}, running on {@code agent}. */
    public SecretBundle forNode(String node, AgentFacts agent) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SecretBundle.NODE_API_TOKEN, nodeApiToken.value()
                .orElseThrow(() -> new IllegalStateException("no NODE_API_TOKEN configured")));
        cqlPassword.ifPresent(password -> values.put(SecretBundle.CQL_PASSWORD, password));
        certificates.ifPresent(ca -> values.putAll(ca.issue(node, agent.ip(), List.of(agent.hostname())).asSecrets()));
        return SecretBundle.of(values);
    }

    @Override
    public String toString() {
        return "ExecutorSecrets(values redacted" + (certificates.isPresent() ? ", node TLS" : "") + ")";
    }
}

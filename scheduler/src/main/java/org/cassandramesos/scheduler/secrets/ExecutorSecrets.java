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
 * {@code tls_ca}); CQL and JMX credentials join here under their own names.
 */
public final class ExecutorSecrets {
    private final NodeApiToken nodeApiToken;
    private final Optional<NodeCertificates> certificates;

    public ExecutorSecrets(NodeApiToken nodeApiToken, Optional<NodeCertificates> certificates) {
        this.nodeApiToken = nodeApiToken;
        this.certificates = certificates;
    }

    /** The bundle for the executor of {@code node}, running on {@code agent}. */
    public SecretBundle forNode(String node, AgentFacts agent) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SecretBundle.NODE_API_TOKEN, nodeApiToken.value()
                .orElseThrow(() -> new IllegalStateException("no NODE_API_TOKEN configured")));
        certificates.ifPresent(ca -> values.putAll(ca.issue(node, agent.ip(), List.of(agent.hostname())).asSecrets()));
        return SecretBundle.of(values);
    }

    @Override
    public String toString() {
        return "ExecutorSecrets(values redacted" + (certificates.isPresent() ? ", node TLS" : "") + ")";
    }
}

package org.cassandramesos.scheduler.tls;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;

/**
 * Issues each node its TLS identity from the scheduler's CA: a fresh key and a certificate naming the node's agent
 * IP (what the scheduler calls and what peers and clients connect to) and its agent host name. The result goes to
 * the node's executor in the secret bundle ({@link TlsMaterial#asSecrets()}) only: never in TaskInfo, the task's
 * environment, a URI or ZooKeeper.
 */
public final class NodeCertificates {
    private final CertificateAuthority ca;
    private final Duration validity;
    private final String trustedCaPem;

    public NodeCertificates(CertificateAuthority ca, Duration validity) {
        this(ca, validity, ca.certificatePem());
    }

    /**
     * @param trustedCaPem the CA certificate(s) nodes trust peers and clients' servers by: the issuing CA, or during a
     *                     CA rotation the old and the new one ({@code NODE_TLS_CA})
     */
    public NodeCertificates(CertificateAuthority ca, Duration validity, String trustedCaPem) {
        this.ca = ca;
        this.validity = validity;
        this.trustedCaPem = trustedCaPem;
    }

    /** The key, certificate and CA for {@code node} at {@code ip}, also valid for {@code hostnames} given. */
    public TlsMaterial issue(String node, String ip, List<String> hostnames) {
        Set<String> names = new LinkedHashSet<>();
        names.add(ip);
        hostnames.stream().filter(h -> h != null && !h.isBlank()).forEach(names::add);
        TlsMaterial issued = ca.issue(node, List.copyOf(names), validity);
        return new TlsMaterial(issued.privateKeyPem(), issued.certificateChainPem(), trustedCaPem);
    }

    public String caCertificatePem() {
        return ca.certificatePem();
    }

    @Override
    public String toString() {
        return "NodeCertificates[" + ca + ", valid " + validity.toDays() + " days]";
    }
}

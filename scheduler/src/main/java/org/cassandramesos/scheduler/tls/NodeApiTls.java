package org.cassandramesos.scheduler.tls;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.cassandramesos.tls.TlsMaterial;

/**
 * How the scheduler reaches node APIs: plain http, or https trusting only the node CA (host name verification on:
 * a node's certificate must name the IP the scheduler calls).
 */
public record NodeApiTls(Optional<String> caPem) {
    public static NodeApiTls plain() {
        return new NodeApiTls(Optional.empty());
    }

    public static NodeApiTls trusting(String caPem) {
        TlsMaterial.trustStore(caPem); // a broken CA fails at start, not at the first call
        return new NodeApiTls(Optional.of(caPem));
    }

    public String scheme() {
        return caPem.isPresent() ? "https" : "http";
    }

    public Optional<SSLContext> sslContext() {
        return caPem.map(TlsMaterial::trusting);
    }
}

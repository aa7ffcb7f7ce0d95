package org.cassandramesos.executor.tls;

import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import org.cassandramesos.tls.TlsMaterial;

/** The executor's own CQL clients with node TLS on: trust only the node CA, and check the node's IP is named. */
public final class CqlTls {
    private CqlTls() {}

    public static SslEngineFactory engineFactory(TlsMaterial tls) {
        return new ProgrammaticSslEngineFactory(TlsMaterial.trusting(tls.caPem()), null, true);
    }
}

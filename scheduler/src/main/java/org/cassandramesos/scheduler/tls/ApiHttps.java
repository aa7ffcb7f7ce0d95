package org.cassandramesos.scheduler.tls;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the API's http connectors into https ones on the same port and address when {@code API_TLS_KEYSTORE} is
 * set. Done in code, not in scheduler.yml, because environment substitution cannot switch a connector's type: the
 * file stays the same with and without TLS. The admin connector (health, metrics) stays as configured.
 */
public final class ApiHttps {
    private ApiHttps() {}

    /** Returns whether the API now serves HTTPS. */
    public static boolean apply(ServerFactory server, TlsSettings tls) {
        if (tls.apiKeystorePath().isEmpty()) {
            return false;
        }
        if (!(server instanceof DefaultServerFactory factory)) {
            throw new IllegalArgumentException("API_TLS_KEYSTORE needs the default server (applicationConnectors)");
        }
        List<ConnectorFactory> connectors = new ArrayList<>();
        for (ConnectorFactory connector : factory.getApplicationConnectors()) {
            connectors.add(connector instanceof HttpConnectorFactory http && !(connector instanceof HttpsConnectorFactory)
                    ? https(http, tls) : connector);
        }
        factory.setApplicationConnectors(connectors);
        return true;
    }

    private static HttpsConnectorFactory https(HttpConnectorFactory http, TlsSettings tls) {
        HttpsConnectorFactory https = new HttpsConnectorFactory();
        https.setPort(http.getPort());
        https.setBindHost(http.getBindHost());
        https.setKeyStorePath(tls.apiKeystorePath().orElseThrow());
        https.setKeyStorePassword(tls.apiKeystoreSecret());
        https.setKeyStoreType("PKCS12");
        return https;
    }
}

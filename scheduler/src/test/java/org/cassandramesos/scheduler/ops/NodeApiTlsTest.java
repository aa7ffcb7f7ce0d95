package org.cassandramesos.scheduler.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cassandramesos.scheduler.tls.NodeApiTls;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's node API client with node TLS on: it calls https, accepts an executor whose certificate the node
 * CA issued for the IP it calls, and refuses (as unreachable, before sending the token) any other.
 */
class NodeApiTlsTest {
    private static final CertificateAuthority NODE_CA = CertificateAuthority.create("node CA", Duration.ofDays(1));
    private static final String TOKEN = "node-api-token";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @Test
    void anExecutorWithACertificateFromTheNodeCaForItsIpIsAnswered() throws Exception {
        TlsMaterial executor = NODE_CA.issue("node-0", List.of("127.0.0.1"), Duration.ofDays(1));
        HttpsServer server = serve(executor);
        try {
            NodeApiClient.Answer answer = client().cassandraStatus(address(server));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("NORMAL");
            assertThat(authorizations).containsExactly("token=" + TOKEN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anExecutorWithACertificateFromAnotherCaIsRefusedWithoutSeeingTheToken() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
        HttpsServer server = serve(other.issue("node-0", List.of("127.0.0.1"), Duration.ofDays(1)));
        try {
            assertThatThrownBy(() -> client().cassandraStatus(address(server)))
                    .isInstanceOf(NodeApiClient.Unreachable.class)
                    .hasMessageContaining("TLS handshake");
            assertThat(authorizations).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anExecutorWhoseCertificateNamesAnotherIpIsRefused() throws Exception {
        HttpsServer server = serve(NODE_CA.issue("node-0", List.of("127.0.0.9"), Duration.ofDays(1)));
        try {
            assertThatThrownBy(() -> client().cassandraStatus(address(server)))
                    .isInstanceOf(NodeApiClient.Unreachable.class)
                    .hasMessageContaining("TLS handshake");
            assertThat(authorizations).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutNodeTlsTheClientCallsHttpAsBefore() {
        NodeAddress node = new NodeAddress("node-0", "127.0.0.1", 9001);

        assertThat(NodeApiTls.plain().scheme()).isEqualTo("http");
        assertThat(node.uri("/v1/jobs/x")).hasToString("http://127.0.0.1:9001/v1/jobs/x");
        assertThat(node.uri(NodeApiTls.trusting(NODE_CA.certificatePem()).scheme(), "/v1/jobs/x"))
                .hasToString("https://127.0.0.1:9001/v1/jobs/x");
    }

    private static NodeApiClient client() {
        return new NodeApiClient(
                new NodeApiToken(TOKEN), Duration.ofSeconds(5), NodeApiTls.trusting(NODE_CA.certificatePem()));
    }

    private static NodeAddress address(HttpsServer server) {
        return new NodeAddress("node-0", "127.0.0.1", server.getAddress().getPort());
    }

    private HttpsServer serve(TlsMaterial identity) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(identity.sslContext()));
        server.createContext("/v1/cassandra/status", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"mode\":\"NORMAL\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}

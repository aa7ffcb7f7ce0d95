package org.cassandramesos.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes between the executor's agent client context and an https server standing in for the agent. */
class AgentTlsContextTest {
    private static final String AGENT_IP = "127.0.0.1";
    private static final CertificateAuthority CLUSTER_CA =
            CertificateAuthority.create("cluster CA", Duration.ofDays(1));
    private static final CertificateAuthority OTHER_CA =
            CertificateAuthority.create("someone else's CA", Duration.ofDays(1));

    @TempDir
    Path dir;

    private HttpsServer agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop(0);
        }
    }

    /** An https "agent" on 127.0.0.1 presenting {@code identity}; with {@code clientCa}, it requires a client certificate from it. */
    private URI startAgent(TlsMaterial identity, Optional<CertificateAuthority> clientCa) throws IOException {
        agent = HttpsServer.create(new InetSocketAddress(AGENT_IP, 0), 0);
        SSLContext server = clientCa.isPresent()
                ? new TlsMaterial(
                                identity.privateKeyPem(),
                                identity.certificateChainPem(),
                                clientCa.get().certificatePem())
                        .sslContext()
                : identity.sslContext();
        agent.setHttpsConfigurator(new HttpsConfigurator(server) {
            @Override
            public void configure(HttpsParameters params) {
                var ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(clientCa.isPresent());
                params.setSSLParameters(ssl);
            }
        });
        agent.createContext("/api/v1/executor", exchange -> {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        agent.start();
        return URI.create("https://" + AGENT_IP + ":" + agent.getAddress().getPort() + "/api/v1/executor");
    }

    private static int post(SSLContext context, URI endpoint) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return client.send(
                        HttpRequest.newBuilder(endpoint)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private Path caFile(CertificateAuthority ca) throws IOException {
        return Files.writeString(dir.resolve(ca.certificate().getSerialNumber() + ".pem"), ca.certificatePem());
    }

    private AgentTls trusting(Path caFile) {
        return new AgentTls(
                true,
                Optional.of(caFile),
                Optional.empty(),
                AgentTls.HostnameValidation.LEGACY,
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void anAgentCertifiedByTheNamedCaForItsAddressIsAccepted() throws Exception {
        URI endpoint = startAgent(CLUSTER_CA.issue("agent", List.of(AGENT_IP), Duration.ofHours(1)), Optional.empty());
        assertThat(post(AgentTlsContext.create(trusting(caFile(CLUSTER_CA))), endpoint))
                .isEqualTo(202);
    }

    @Test
    void anAgentWhoseCertificateTheNamedCaDidNotSignIsRefused() throws Exception {
        URI endpoint = startAgent(OTHER_CA.issue("agent", List.of(AGENT_IP), Duration.ofHours(1)), Optional.empty());
        assertThatThrownBy(() -> post(AgentTlsContext.create(trusting(caFile(CLUSTER_CA))), endpoint))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theNamedCaReplacesTheDefaultRootsAndWithoutOneTheJdkRootsDoNotKnowAThrowawayCa() throws Exception {
        URI endpoint = startAgent(CLUSTER_CA.issue("agent", List.of(AGENT_IP), Duration.ofHours(1)), Optional.empty());
        AgentTls defaults = new AgentTls(
                true,
                Optional.empty(),
                Optional.empty(),
                AgentTls.HostnameValidation.LEGACY,
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> post(AgentTlsContext.create(defaults), endpoint))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aCertificateOfTheRightCaForAnotherAgentIsRefused() throws Exception {
        // signed by the cluster CA, but for 127.0.0.9 and a name that is not this address's reverse DNS name
        URI endpoint = startAgent(
                CLUSTER_CA.issue("other-agent", List.of("127.0.0.9", "other-agent.example"), Duration.ofHours(1)),
                Optional.empty());
        assertThatThrownBy(() -> post(AgentTlsContext.create(trusting(caFile(CLUSTER_CA))), endpoint))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void underTheLegacySchemeTheReverseDnsNameOfTheAddressCountsAndUnderOpensslItDoesNot() throws Exception {
        URI endpoint = startAgent(
                CLUSTER_CA.issue("agent-1", List.of("agent-1.example"), Duration.ofHours(1)), Optional.empty());
        assertThat(post(context(AgentTls.HostnameValidation.LEGACY, "agent-1.example"), endpoint))
                .isEqualTo(202);
        assertThatThrownBy(() -> post(context(AgentTls.HostnameValidation.LEGACY, "agent-2.example"), endpoint))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> post(context(AgentTls.HostnameValidation.OPENSSL, "agent-1.example"), endpoint))
                .isInstanceOf(SSLHandshakeException.class);
    }

    /** A context trusting the cluster CA whose reverse DNS answers {@code name} for every address. */
    private static SSLContext context(AgentTls.HostnameValidation validation, String name)
            throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(TlsMaterial.trustStore(CLUSTER_CA.certificatePem()));
        X509ExtendedTrustManager chain = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {new AgentCertificateCheck(chain, validation, address -> Optional.of(name))},
                null);
        return context;
    }

    @Test
    void aCaDirectoryIsReadLikeOpensslsHashedDirectory() throws Exception {
        URI endpoint = startAgent(CLUSTER_CA.issue("agent", List.of(AGENT_IP), Duration.ofHours(1)), Optional.empty());
        Path cas = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(cas.resolve("a1b2c3d4.0"), CLUSTER_CA.certificatePem());
        Files.writeString(cas.resolve("README"), "not a certificate");
        AgentTls tls = new AgentTls(
                true,
                Optional.empty(),
                Optional.of(cas),
                AgentTls.HostnameValidation.LEGACY,
                Optional.empty(),
                Optional.empty());
        assertThat(post(AgentTlsContext.create(tls), endpoint)).isEqualTo(202);
    }

    @Test
    void theExecutorPresentsItsCertificateWhenTheAgentRequiresOne() throws Exception {
        URI endpoint =
                startAgent(CLUSTER_CA.issue("agent", List.of(AGENT_IP), Duration.ofHours(1)), Optional.of(CLUSTER_CA));
        AgentTls anonymous = trusting(caFile(CLUSTER_CA));
        assertThatThrownBy(() -> post(AgentTlsContext.create(anonymous), endpoint))
                .isInstanceOf(IOException.class);

        TlsMaterial executor = CLUSTER_CA.issue("executor", List.of(AGENT_IP), Duration.ofHours(1));
        executor.writeTo(dir.resolve("executor"));
        AgentTls identified = new AgentTls(
                true,
                anonymous.caFile(),
                Optional.empty(),
                AgentTls.HostnameValidation.LEGACY,
                Optional.of(dir.resolve("executor").resolve(TlsMaterial.CERT_FILE)),
                Optional.of(dir.resolve("executor").resolve(TlsMaterial.KEY_FILE)));
        assertThat(post(AgentTlsContext.create(identified), endpoint)).isEqualTo(202);
    }

    @Test
    void aNamedCaFileThatCannotBeReadStopsTheExecutorBeforeAnyConnection() {
        AgentTls missing = trusting(dir.resolve("no-such-ca.pem"));
        assertThatThrownBy(() -> AgentTlsContext.create(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LIBPROCESS_SSL_CA_FILE");
    }
}

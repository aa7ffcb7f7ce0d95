package org.cassandramesos.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cassandramesos.executor.TestSpecs;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.process.ProcessExit;
import org.cassandramesos.executor.tls.CqlTls;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real Cassandra node with node TLS on, on 127.0.0.13: it is ready only by a CQL probe over TLS, serves CQL to a
 * client trusting the node CA, and refuses plaintext CQL and clients that trust another CA.
 */
class CassandraNodeTlsTest {
    private static final String IP = "127.0.0.13";
    private static final CertificateAuthority CA = CertificateAuthority.create("cluster CA", Duration.ofDays(1));

    @TempDir
    static Path dir;

    private static CassandraNodeSpec spec;
    private static CassandraNode node;
    private static final List<Long> startedPids = new ArrayList<>();
    private static final List<ProcessExit> exits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNode() throws Exception {
        spec = TestSpecs.spec(List.of(IP), TestSpecs.freePorts(IP), Map.of());
        TlsMaterial tls = CA.issue("node-0", List.of(IP), Duration.ofDays(1));
        node = new CassandraNode(
                spec,
                IP,
                new NodeLayout(TestSpecs.cassandraHome(), dir.resolve("volume"), dir.resolve("run")),
                exits::add,
                Optional.of(tls));
        startedPids.add(node.start());
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(node::ready);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
        for (long pid : startedPids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .as("Cassandra pid %d after the tests", pid)
                    .isIn(Optional.empty(), Optional.of(false));
        }
    }

    private static CqlSessionBuilder session() {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(IP, spec.ports().nativeTransport()))
                .withLocalDatacenter("dc1");
    }

    @Test
    void aClientTrustingTheNodeCaGetsCqlAnswersOverTls() {
        try (CqlSession session = session()
                .withSslEngineFactory(CqlTls.engineFactory(node.tls().orElseThrow()))
                .build()) {
            assertThat(session.execute("SELECT release_version FROM system.local")
                            .one()
                            .getString(0))
                    .startsWith("5.0");
        }
    }

    @Test
    void plaintextCqlIsRefused() {
        assertThatThrownBy(() -> session().build().close()).isInstanceOf(AllNodesFailedException.class);
        assertThat(CqlProbe.answers(IP, spec.ports().nativeTransport(), Duration.ofSeconds(5)))
                .isFalse();
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() {
        CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(1));
        ProgrammaticSslEngineFactory stranger =
                new ProgrammaticSslEngineFactory(TlsMaterial.trusting(other.certificatePem()));

        assertThatThrownBy(
                        () -> session().withSslEngineFactory(stranger).build().close())
                .isInstanceOf(AllNodesFailedException.class);
        assertThat(CqlProbe.answers(
                        IP,
                        spec.ports().nativeTransport(),
                        Duration.ofSeconds(5),
                        Optional.of(TlsMaterial.trusting(other.certificatePem()))))
                .isFalse();
    }
}

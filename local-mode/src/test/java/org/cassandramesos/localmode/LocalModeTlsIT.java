package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cassandra-mesos local --tls} as the README describes it: a throwaway CA, the API over https, every node with
 * a certificate the scheduler issued it from that CA (it arrives in the node's sealed secret bundle). The walkthrough's
 * commands work over TLS (the CLI and curl trusting the CA, CQL over TLS, node status through the node API over https,
 * a backup), and a client that does not speak TLS gets no CQL session.
 */
class LocalModeTlsIT {
    @TempDir
    static Path data;

    @Test
    void theWalkthroughRunsOverTls() throws Exception {
        int port = 9000 + 7;
        Path dataDir = data.resolve("local-data");
        try (LocalModeProcess local = LocalModeProcess.start(dataDir, port, true)) {
            local.awaitDeployComplete();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(local.output()).contains("Deploy plan COMPLETE", "CA "));
            String url = "https://127.0.0.1:" + port;
            String ca = dataDir.resolve("tls").resolve("ca.crt.pem").toString();
            String transcript = LocalModeIT.run("export CASSANDRA_MESOS_TOKEN=" + local.token() + "\n"
                    + "export CASSANDRA_MESOS_CA_CERT=" + ca + "\n"
                    + "./cassandra-mesos cli --url " + url + " plan show\n"
                    + "curl -sf --cacert \"$CASSANDRA_MESOS_CA_CERT\" -H \"Authorization: token=$CASSANDRA_MESOS_TOKEN\" "
                    + url + "/v1/plan\n"
                    + "./cassandra-mesos cql --url " + url + " --data-dir " + dataDir
                    + " \"CREATE KEYSPACE IF NOT EXISTS"
                    + " demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}\""
                    + " \"CREATE TABLE IF NOT EXISTS demo.kv (k text PRIMARY KEY, v text)\""
                    + " \"INSERT INTO demo.kv (k, v) VALUES ('hello', 'world')\" \"SELECT k, v FROM demo.kv\"\n"
                    + "./cassandra-mesos cli --url " + url + " node status node-1\n"
                    + "./cassandra-mesos cli --url " + url + " backup start --name over-tls --wait\n");
            assertThat(transcript)
                    .contains("COMPLETE", "k=hello  v=world", "native_transport_running", "backup COMPLETE");

            // the nodes speak TLS only: a plain client gets no session even with the right login
            assertThatThrownBy(() -> {
                        try (CqlSession plain = CqlSession.builder()
                                .addContactPoint(new InetSocketAddress("127.0.0.2", 9042))
                                .withLocalDatacenter("datacenter1")
                                .withAuthCredentials(LocalModeSettings.CQL_SUPERUSER, local.cqlPassword())
                                .build()) {
                            plain.execute("SELECT release_version FROM system.local");
                        }
                    })
                    .isInstanceOf(RuntimeException.class);
        }
    }
}

package org.cassandramesos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DC/OS clusters serve HTTPS with their own CA: the CLI trusts what the DC/OS CLI config tells it to. */
class CliTlsTrustTest {
    @TempDir
    static Path dir;

    private static Path caPem;
    private static RecordedScheduler scheduler;

    @BeforeAll
    static void startHttpsScheduler() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        caPem = dir.resolve("dcos-ca.crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                caPem.toString());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        scheduler =
                new RecordedScheduler(tls).on("GET", "/service/cassandra/v1/seeds", 200, "{\"seeds\":[\"10.0.0.1\"]}");
    }

    @AfterAll
    static void stopScheduler() {
        scheduler.close();
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }

    private static Path home(String sslVerifyLine) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        Files.createDirectories(home.resolve(".dcos"));
        Files.writeString(
                home.resolve(".dcos/dcos.toml"),
                "[core]\ndcos_url = \"" + scheduler.url() + "\"\ndcos_acs_token = \"t\"\n" + sslVerifyLine + "\n");
        return home;
    }

    @Test
    void anUntrustedCertificateIsRefusedWithAHint() throws Exception {
        CliRun run = CliRun.run(Map.of(), home(""), "seeds");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code);
        assertThat(run.err())
                .startsWith("error: cannot reach the scheduler at https://127.0.0.1:")
                .contains("TLS")
                .contains("ssl_verify");
        assertThat(run.err().strip()).doesNotContain("\n");
    }

    @Test
    void theClusterCaFromSslVerifyIsTrusted() throws Exception {
        CliRun run = CliRun.run(Map.of(), home("ssl_verify = \"" + caPem + "\""), "seeds");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("10.0.0.1");
    }

    @Test
    void theCaPathTheDcosCliHandsItsPluginsIsTrusted() throws Exception {
        CliRun run = CliRun.run(
                Map.of("DCOS_URL", scheduler.url(), "DCOS_TLS_CA_PATH", caPem.toString()), home(""), "seeds");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theCaCertOptionOrCassandraMesosCaCertTrustsTheSchedulersCaWithAUrl() throws Exception {
        String url = scheduler.url() + "/service/cassandra";

        CliRun withoutCa = CliRun.run(Map.of("CASSANDRA_MESOS_TOKEN", "t"), home(""), "--url", url, "seeds");
        CliRun withOption = CliRun.run(
                Map.of("CASSANDRA_MESOS_TOKEN", "t"), home(""), "--url", url, "--ca-cert", caPem.toString(), "seeds");
        CliRun withEnvironment = CliRun.run(
                Map.of("CASSANDRA_MESOS_TOKEN", "t", "CASSANDRA_MESOS_CA_CERT", caPem.toString()),
                home(""),
                "--url",
                url,
                "seeds");

        assertThat(withoutCa.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code);
        assertThat(withOption.exitCode()).as(withOption.err()).isZero();
        assertThat(withOption.out()).contains("10.0.0.1");
        assertThat(withEnvironment.exitCode()).as(withEnvironment.err()).isZero();
    }

    @Test
    void sslVerifyFalseSkipsVerificationLikeTheDcosCli() throws Exception {
        assertThat(CliRun.run(Map.of(), home("ssl_verify = \"false\""), "seeds").exitCode())
                .isZero();
        assertThat(CliRun.run(Map.of("DCOS_URL", scheduler.url(), "DCOS_TLS_INSECURE", "1"), home(""), "seeds")
                        .exitCode())
                .isZero();
    }
}

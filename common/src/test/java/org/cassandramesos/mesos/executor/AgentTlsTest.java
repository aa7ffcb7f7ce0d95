package org.cassandramesos.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheme and trust settings are read from the executor's environment as libprocess reads them. */
class AgentTlsTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(
                Map.of("MESOS_AGENT_ENDPOINT", "10.0.0.5:5051", "MESOS_FRAMEWORK_ID", "fw", "MESOS_EXECUTOR_ID", "ex"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void withoutSslVariablesTheAgentIsPlainHttpAsOnAStockAgent() {
        ExecutorSettings settings = ExecutorSettings.fromEnvironment(env());
        assertThat(settings.tls().enabled()).isFalse();
        assertThat(settings.agentEndpoint()).hasToString("http://10.0.0.5:5051/api/v1/executor");
    }

    @Test
    void libprocessSslEnabledTrueOrOneMeansHttps() {
        for (String on : new String[] {"true", "1"}) {
            assertThat(ExecutorSettings.fromEnvironment(env("LIBPROCESS_SSL_ENABLED", on))
                            .agentEndpoint())
                    .hasToString("https://10.0.0.5:5051/api/v1/executor");
        }
        for (String off : new String[] {"false", "0"}) {
            assertThat(ExecutorSettings.fromEnvironment(env("LIBPROCESS_SSL_ENABLED", off))
                            .agentEndpoint()
                            .getScheme())
                    .isEqualTo("http");
        }
    }

    @Test
    void theDeprecatedSslPrefixCountsAndTheLibprocessPrefixWinsOverIt() {
        assertThat(AgentTls.fromEnvironment(env("SSL_ENABLED", "true")).enabled())
                .isTrue();
        assertThat(AgentTls.fromEnvironment(env("SSL_ENABLED", "true", "LIBPROCESS_SSL_ENABLED", "false"))
                        .enabled())
                .isFalse();
        AgentTls tls = AgentTls.fromEnvironment(env(
                "LIBPROCESS_SSL_ENABLED",
                "1",
                "SSL_CA_FILE",
                "/old/ca.pem",
                "LIBPROCESS_SSL_CA_FILE",
                "/run/dcos/pki/CA/ca-bundle.crt",
                "SSL_CA_DIR",
                "/etc/ssl/certs"));
        assertThat(tls.caFile()).contains(Path.of("/run/dcos/pki/CA/ca-bundle.crt"));
        assertThat(tls.caDir()).contains(Path.of("/etc/ssl/certs"));
        assertThat(tls.hostnameValidation()).isEqualTo(AgentTls.HostnameValidation.LEGACY);
    }

    @Test
    void aValueLibprocessWouldRefuseStopsTheExecutorInsteadOfFallingBackToHttp() {
        // stout's bool parser is case-sensitive and knows only true, 1, false, 0
        for (String bad : new String[] {"TRUE", "yes", "on", ""}) {
            assertThatThrownBy(() -> ExecutorSettings.fromEnvironment(env("LIBPROCESS_SSL_ENABLED", bad)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("LIBPROCESS_SSL_ENABLED");
        }
        assertThatThrownBy(() -> AgentTls.fromEnvironment(
                        env("LIBPROCESS_SSL_ENABLED", "true", "LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME", "none")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HOSTNAME_VALIDATION_SCHEME");
        assertThat(AgentTls.fromEnvironment(env(
                                "LIBPROCESS_SSL_ENABLED",
                                "true",
                                "LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME",
                                "openssl"))
                        .hostnameValidation())
                .isEqualTo(AgentTls.HostnameValidation.OPENSSL);
        assertThatThrownBy(() -> AgentTls.fromEnvironment(
                        env("LIBPROCESS_SSL_ENABLED", "true", "LIBPROCESS_SSL_CERT_FILE", "/x/cert.pem")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KEY_FILE");
    }

    @Test
    void sslVariablesAreIgnoredWhenSslIsOffAsLibprocessIgnoresThem() {
        // libprocess checks the other flags only when SSL is enabled (openssl.cpp:484-487)
        AgentTls tls = AgentTls.fromEnvironment(
                env("LIBPROCESS_SSL_ENABLED", "false", "LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME", "bogus"));
        assertThat(tls).isEqualTo(AgentTls.PLAIN);
    }
}

package org.cassandramesos.local.agent;

import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.cassandramesos.tls.TlsMaterial;

/**
 * An agent whose HTTP API (the executor API included) is served over TLS only, as a Mesos agent built with
 * {@code --enable-ssl} and started with {@code LIBPROCESS_SSL_ENABLED=true} (no {@code SUPPORT_DOWNGRADE}) serves it
 * (Mesos {@code docs/ssl.md} at 1.11.0, lines 87-88).
 *
 * <p>A real agent hands its executors none of its own {@code LIBPROCESS_SSL_*} variables: the executor environment
 * is {@code executorEnvironment} ({@code src/slave/slave.cpp:11399-11526}) and the containerizer does not inherit the
 * agent's ({@code src/slave/containerizer/mesos/containerizer.cpp:1854-1924}). "Executors must be able to access the
 * SSL environment variables and the files referred to by those variables" ({@code docs/ssl.md:271}): the operator
 * passes them with {@code --executor_environment_variables} ({@code slave.cpp:11421-11429}), which DC/OS does through
 * {@code /opt/mesosphere/etc/mesos-executor-environment.json}. {@link #executorEnvironmentVariables()} is that flag's
 * value for this agent.
 *
 * @param identity the agent's key and certificate (for its IP address), issued by the cluster CA
 * @param caFile   the cluster CA certificate, readable by executors
 */
public record AgentHttps(TlsMaterial identity, Path caFile) {

    public SSLContext serverContext() {
        return identity.sslContext();
    }

    /**
     * {@code LIBPROCESS_SSL_ENABLED} and {@code LIBPROCESS_SSL_CA_FILE}. A libprocess (C++) executor would also need
     * {@code LIBPROCESS_SSL_CERT_FILE}/{@code KEY_FILE} to start ({@code 3rdparty/libprocess/src/openssl.cpp:582-591});
     * ours needs no identity of its own because this agent, like a default Mesos agent, does not require client
     * certificates, so no executor key is handed out (and none has to be readable by a switched-to task user).
     */
    public Map<String, String> executorEnvironmentVariables() {
        return Map.of("LIBPROCESS_SSL_ENABLED", "true", "LIBPROCESS_SSL_CA_FILE", caFile.toString());
    }
}

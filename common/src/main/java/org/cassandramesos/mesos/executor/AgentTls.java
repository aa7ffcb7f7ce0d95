package org.cassandramesos.mesos.executor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the agent's executor API is https, and how to trust it, read from the executor's environment exactly as
 * the Mesos 1.11 executor library reads it (line numbers at tag 1.11.0 of apache/mesos):
 *
 * <ul>
 * <li>The scheme is {@code https} exactly when libprocess SSL is enabled in the executor's own environment
 *     ({@code src/executor/executor.cpp:231-237}: {@code process::network::openssl::flags().enabled}). A real agent
 *     adds nothing TLS-related by itself ({@code executorEnvironment}, {@code src/slave/slave.cpp:11399-11526}); the
 *     operator passes {@code LIBPROCESS_SSL_*} on with {@code --executor_environment_variables}
 *     ({@code slave.cpp:11421-11429}), which DC/OS does through {@code /opt/mesosphere/etc/mesos-executor-environment.json}.</li>
 * <li>Each flag is read as {@code LIBPROCESS_SSL_<NAME>}, else the deprecated {@code SSL_<NAME>}; the first wins
 *     ({@code 3rdparty/libprocess/src/openssl.cpp:458-469}, MESOS-5863). Booleans are {@code true|1|false|0} and nothing
 *     else ({@code 3rdparty/stout/include/stout/flags/parse.hpp:57-65}); libprocess exits on anything else
 *     ({@code openssl.cpp:471-477}), so do we.</li>
 * <li>{@code CA_FILE} / {@code CA_DIR}: when either is named, the server certificate must chain to them and to nothing
 *     else ({@code SSL_CTX_load_verify_locations}, {@code openssl.cpp:668-693}); when neither is, to the platform's
 *     default roots ({@code SSL_CTX_set_default_verify_paths}, {@code openssl.cpp:694-724}) — here the JDK's.</li>
 * <li>{@code HOSTNAME_VALIDATION_SCHEME} {@code legacy} (default) or {@code openssl}; anything else is refused
 *     ({@code openssl.cpp:188-198, 650-654}).</li>
 * <li>{@code CERT_FILE} / {@code KEY_FILE}: libprocess's own identity, which it presents as a client when the agent
 *     asks for one ({@code LIBPROCESS_SSL_REQUIRE_CLIENT_CERT} on the agent); so do we when both are set.</li>
 * </ul>
 *
 * <p>One deliberate difference: libprocess checks the server certificate only with {@code VERIFY_SERVER_CERT} (or
 * the legacy {@code VERIFY_CERT}, or {@code REQUIRE_CLIENT_CERT}) set, and its default is not to
 * ({@code openssl.cpp:126-135, 641-648, 842-845}). This client always checks it: the chain and the agent's identity
 * (see {@link AgentCertificateCheck}), so those flags are not read.
 *
 * @param enabled            https instead of http
 * @param caFile             PEM bundle of the CAs the agent's certificate must chain to
 * @param caDir              directory of PEM CA certificates (OpenSSL's hashed directory; every file is read)
 * @param hostnameValidation how the certificate must name the agent
 * @param certFile           this executor's certificate chain (PEM), presented when the agent asks for one
 * @param keyFile            its private key (PEM, unencrypted)
 */
public record AgentTls(
        boolean enabled,
        Optional<Path> caFile,
        Optional<Path> caDir,
        HostnameValidation hostnameValidation,
        Optional<Path> certFile,
        Optional<Path> keyFile) {

    /** {@code LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME}. */
    public enum HostnameValidation {
        /**
         * The certificate names the agent's IP address, or the name its reverse DNS lookup gives
         * ({@code openssl.cpp:877-1031}: a DNS SAN equal to it, or else the CN).
         */
        LEGACY,
        /**
         * OpenSSL's own check of the address dialled ({@code X509_VERIFY_PARAM_set1_ip_asc} for an IP,
         * {@code openssl.cpp:1056-1101}): the executor dials the agent's IP, so an IP SAN must match it.
         */
        OPENSSL
    }

    public static final AgentTls PLAIN = new AgentTls(
            false, Optional.empty(), Optional.empty(), HostnameValidation.LEGACY, Optional.empty(), Optional.empty());

    public AgentTls {
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalStateException("LIBPROCESS_SSL_CERT_FILE and LIBPROCESS_SSL_KEY_FILE go together");
        }
    }

    public String scheme() {
        return enabled ? "https" : "http";
    }

    /** From the executor's environment; throws (and the executor must not start) on a value libprocess would refuse. */
    public static AgentTls fromEnvironment(Map<String, String> env) {
        boolean enabled = bool(env, "ENABLED", false);
        if (!enabled) {
            return PLAIN;
        }
        String scheme = flag(env, "HOSTNAME_VALIDATION_SCHEME").orElse("legacy");
        HostnameValidation validation = switch (scheme) {
            case "legacy" -> HostnameValidation.LEGACY;
            case "openssl" -> HostnameValidation.OPENSSL;
            default ->
                throw new IllegalStateException(
                        "Unknown value for LIBPROCESS_SSL_HOSTNAME_VALIDATION_SCHEME: " + scheme);
        };
        return new AgentTls(
                true,
                flag(env, "CA_FILE").map(Path::of),
                flag(env, "CA_DIR").map(Path::of),
                validation,
                flag(env, "CERT_FILE").map(Path::of),
                flag(env, "KEY_FILE").map(Path::of));
    }

    /** {@code LIBPROCESS_SSL_<name>}, else {@code SSL_<name>}: libprocess keeps the first ({@code std::map::insert}). */
    private static Optional<String> flag(Map<String, String> env, String name) {
        String value = env.get("LIBPROCESS_SSL_" + name);
        if (value == null) {
            value = env.get("SSL_" + name);
        }
        return Optional.ofNullable(value);
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        Optional<String> value = flag(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default ->
                throw new IllegalStateException("LIBPROCESS_SSL_" + name + " (or SSL_" + name
                        + ") must be true, 1, false or 0, not '" + value.get() + "'");
        };
    }
}

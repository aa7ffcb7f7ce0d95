package org.cassandramesos.scheduler.tls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cassandramesos.tls.CertificateAuthority;

/**
 * TLS, all opt-in ({@code tls:} in scheduler.yml; docs/tls.md). Empty settings mean plain HTTP everywhere, as before.
 *
 * @param apiKeystore          PKCS#12 file with the API's key and certificate chain: the API serves HTTPS
 * @param apiKeystorePassword  its password (secret)
 * @param apiCert              instead of a keystore: the API's certificate chain (PEM text or file)
 * @param apiKey               and its private key (PEM text or file; secret)
 * @param caCert               the CA certificate that issues node certificates (PEM text or a PEM file): node TLS on
 * @param caKey                the CA's private key (PEM text or file; secret: never logged, stored or sent to nodes)
 * @param nodeCa               the CA certificate(s) the scheduler trusts node APIs by (default: {@code caCert});
 *                             holds the old and the new CA while a CA is rotated
 * @param nodeCertDays         how long a node certificate is valid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TlsSettings(
        @JsonProperty("api_keystore") String apiKeystore,
        @JsonProperty("api_keystore_password") String apiKeystorePassword,
        @JsonProperty("api_cert") String apiCert,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("ca_cert") String caCert,
        @JsonProperty("ca_key") String caKey,
        @JsonProperty("node_ca") String nodeCa,
        @JsonProperty("node_cert_days") Integer nodeCertDays) {

    public static TlsSettings none() {
        return new TlsSettings(null, null, null, null, null, null, null, null);
    }

    public TlsSettings {
        apiKeystore = blankToNull(apiKeystore);
        apiKeystorePassword = blankToNull(apiKeystorePassword);
        apiCert = blankToNull(apiCert);
        apiKey = blankToNull(apiKey);
        caCert = blankToNull(caCert);
        caKey = blankToNull(caKey);
        nodeCa = blankToNull(nodeCa);
        nodeCertDays = nodeCertDays == null ? 365 : nodeCertDays;
        if (apiKeystore != null && apiKeystorePassword == null) {
            throw new IllegalArgumentException("API_TLS_KEYSTORE needs API_TLS_KEYSTORE_PASSWORD");
        }
        if ((apiCert == null) != (apiKey == null)) {
            throw new IllegalArgumentException("API_TLS_CERT and API_TLS_KEY go together");
        }
        if (apiKeystore != null && apiCert != null) {
            throw new IllegalArgumentException("the API's TLS key comes from API_TLS_KEYSTORE or from API_TLS_CERT and "
                    + "API_TLS_KEY, not both");
        }
        if ((caCert == null) != (caKey == null)) {
            throw new IllegalArgumentException(
                    "TLS_CA_CERT and TLS_CA_KEY go together (the scheduler issues node " + "certificates with them)");
        }
        if (nodeCa != null && caCert == null) {
            throw new IllegalArgumentException("NODE_TLS_CA needs TLS_CA_CERT and TLS_CA_KEY: nodes get their "
                    + "certificates from the scheduler's CA");
        }
        if (nodeCertDays < 1) {
            throw new IllegalArgumentException("NODE_TLS_CERT_DAYS must be at least 1, got " + nodeCertDays);
        }
    }

    public Optional<String> apiKeystorePath() {
        return Optional.ofNullable(apiKeystore);
    }

    /** Not part of {@link #toString()}: a secret. */
    public String apiKeystoreSecret() {
        return apiKeystorePassword;
    }

    /** Whether the API serves HTTPS (from a keystore, or from a PEM certificate and key). */
    public boolean apiHttps() {
        return apiKeystore != null || apiCert != null;
    }

    /** The API's PEM certificate chain and key, when given so (read now: a file may be a mounted secret). */
    public Optional<java.util.Map.Entry<String, String>> apiPem() {
        return apiCert == null ? Optional.empty() : Optional.of(java.util.Map.entry(pem(apiCert), pem(apiKey)));
    }

    /** Whether nodes run TLS (node API, CQL, internode): the scheduler has a CA to issue their certificates. */
    public boolean nodeTls() {
        return caCert != null;
    }

    /** How the scheduler calls node APIs: https trusting the node CA when node TLS is on, else plain http. */
    public NodeApiTls nodeApiTls() {
        return nodeTls() ? NodeApiTls.trusting(pem(nodeCa != null ? nodeCa : caCert)) : NodeApiTls.plain();
    }

    /** The issuer of node certificates when node TLS is on. */
    public Optional<NodeCertificates> nodeCertificates() {
        if (!nodeTls()) {
            return Optional.empty();
        }
        CertificateAuthority ca = CertificateAuthority.fromPem(pem(caCert), pem(caKey));
        return Optional.of(new NodeCertificates(
                ca, java.time.Duration.ofDays(nodeCertDays), nodeCa != null ? pem(nodeCa) : ca.certificatePem()));
    }

    /** A PEM setting: the PEM text itself (a DC/OS secret as an environment variable), or the path of a PEM file. */
    static String pem(String value) {
        if (value.strip().startsWith("-----BEGIN")) {
            return unfold(value);
        }
        try {
            return Files.readString(Path.of(value));
        } catch (IOException e) {
            // the path is no secret; the file's content never appears in a message
            throw new UncheckedIOException(
                    "cannot read the PEM file " + value + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static final java.util.regex.Pattern PEM_BLOCK = java.util.regex.Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", java.util.regex.Pattern.DOTALL);

    /**
     * PEM text whose line breaks became spaces (a multi-line environment variable substituted into a quoted YAML
     * value folds so) back into lines: base64 has no spaces, so any run of white space inside a block was a break.
     */
    static String unfold(String pem) {
        java.util.regex.Matcher block = PEM_BLOCK.matcher(pem);
        StringBuilder text = new StringBuilder();
        while (block.find()) {
            text.append("-----BEGIN ")
                    .append(block.group(1))
                    .append("-----\n")
                    .append(block.group(2).strip().replaceAll("\\s+", "\n"))
                    .append("\n-----END ")
                    .append(block.group(1))
                    .append("-----\n");
        }
        return text.isEmpty() ? pem : text.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "TlsSettings[api "
                + (apiKeystore != null ? "https (" + apiKeystore + ")" : apiCert != null ? "https (PEM)" : "http")
                + ", nodes "
                + (nodeTls() ? "tls" : "plain") + "]";
    }
}

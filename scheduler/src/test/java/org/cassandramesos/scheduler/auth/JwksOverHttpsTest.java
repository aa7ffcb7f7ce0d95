package org.cassandramesos.scheduler.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.cassandramesos.scheduler.auth.VerificationResult.Rejected;
import org.cassandramesos.scheduler.auth.VerificationResult.Verified;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JWKS over https from a server whose certificate only a given CA bundle vouches for (as a DC/OS cluster's own
 * CA): with {@code DCOS_JWKS_CA_PATH} the keys are fetched and tokens verify; with the JVM's trust store they are not.
 */
class JwksOverHttpsTest {
    @TempDir
    static Path dir;

    private static Path caPem;
    private static HttpsServer iam;
    private static RSAKey clusterKey;

    @BeforeAll
    static void startIamOverHttps() throws Exception {
        Path keystore = dir.resolve("iam.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "iam",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=leader.mesos",
                "-ext",
                "SAN=ip:127.0.0.1",
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
                "iam",
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

        clusterKey = new RSAKeyGenerator(2048)
                .keyID("dcos-1")
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        byte[] jwks = new JWKSet(clusterKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        iam = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        iam.setHttpsConfigurator(new HttpsConfigurator(tls));
        iam.createContext("/acs/api/v1/auth/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        iam.start();
    }

    @AfterAll
    static void stopIam() {
        iam.stop(0);
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }

    private static URL jwksUrl() throws Exception {
        return URI.create("https://127.0.0.1:" + iam.getAddress().getPort() + "/acs/api/v1/auth/jwks")
                .toURL();
    }

    private static VerificationResult verify(Optional<Path> caBundle) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("dcos-1").build(),
                new JWTClaimsSet.Builder()
                        .claim("uid", "ops")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(clusterKey));
        DcosJwtVerifier verifier = new DcosJwtVerifier(
                new JwksKeySource(JwksSettings.defaults(jwksUrl(), false, caBundle)),
                new DcosJwtPolicy(Set.of("ops"), Optional.empty(), Optional.empty()));
        return verifier.verify(jwt.serialize());
    }

    @Test
    void withTheClusterCaTheKeysAreFetchedOverHttps() throws Exception {
        assertThat(verify(Optional.of(caPem))).isEqualTo(new Verified("ops"));
    }

    @Test
    void aCertificateTheTrustStoreDoesNotVouchForGivesNoKeys() throws Exception {
        VerificationResult result = verify(Optional.empty());

        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).isEqualTo(VerificationResult.Reason.KEYS_UNAVAILABLE);
    }

    @Test
    void aCaPathWithoutCertificatesIsRefusedAtStartup() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here");

        assertThatThrownBy(() -> new JwksKeySource(JwksSettings.defaults(jwksUrl(), false, Optional.of(empty))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DCOS_JWKS_CA_PATH");
    }
}

package org.cassandramesos.universe;

import com.nimbusds.jose.JOSEException;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;

/**
 * What the package's {@code dcos-jwt} API authentication relies on from DC/OS: the IAM's public keys at
 * {@code /acs/api/v1/auth/jwks} over https (a certificate from the cluster CA), and the authentication token
 * {@code dcos auth login} gets a user (RS256, {@code uid} and {@code exp}, nothing else).
 */
final class DcosIamStandIn implements AutoCloseable {
    static final String JWKS_PATH = "/acs/api/v1/auth/jwks";

    private final RSAKey signingKey;
    private final HttpsServer server;
    private final Path caBundle;

    private DcosIamStandIn(RSAKey signingKey, HttpsServer server, Path caBundle) {
        this.signingKey = signingKey;
        this.server = server;
        this.caBundle = caBundle;
    }

    /** Serves on 127.0.0.1; the cluster CA's certificate goes to {@code caBundle}. */
    static DcosIamStandIn start(Path caBundle) throws IOException, JOSEException {
        RSAKey key = new RSAKeyGenerator(2048)
                .keyID("dcos-iam-1")
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        CertificateAuthority ca = CertificateAuthority.create("DC/OS cluster CA (test)", Duration.ofDays(2));
        TlsMaterial tls = ca.issue("leader.mesos", List.of("127.0.0.1", "leader.mesos"), Duration.ofDays(1));
        Files.writeString(caBundle, ca.certificatePem());
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
        server.createContext(JWKS_PATH, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        return new DcosIamStandIn(key, server, caBundle);
    }

    URI jwksUrl() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH);
    }

    Path caBundle() {
        return caBundle;
    }

    /** The authentication token of user {@code uid}, valid for an hour. */
    String authenticationToken(String uid) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .claim("uid", uid)
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

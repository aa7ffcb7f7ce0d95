package org.cassandramesos.scheduler.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.auth.AuthenticationException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DC/OS tokens verified against a JWKS served over real HTTP, like the IAM's. */
class DcosJwtAuthenticatorTest {
    private static RSAKey clusterKey;
    private static HttpServer iam;
    private static URL jwksUrl;

    @BeforeAll
    static void startIam() throws Exception {
        clusterKey = new RSAKeyGenerator(2048).keyID("dcos-1").generate();
        byte[] jwks = new JWKSet(clusterKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        iam = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        iam.createContext("/acs/api/v1/auth/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        iam.start();
        jwksUrl = URI.create("http://127.0.0.1:" + iam.getAddress().getPort() + "/acs/api/v1/auth/jwks")
                .toURL();
    }

    @AfterAll
    static void stopIam() {
        iam.stop(0);
    }

    private static String token(RSAKey key, String uid, Instant expires) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().expirationTime(Date.from(expires));
        if (uid != null) {
            claims.claim("uid", uid);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static DcosJwtAuthenticator authenticator(URL jwks, Set<String> allowedUids) {
        // the test IAM serves plain http, so it must be allowed explicitly
        return new DcosJwtAuthenticator(new DcosJwtVerifier(
                new JwksKeySource(JwksSettings.defaults(jwks, true, Optional.empty())),
                new DcosJwtPolicy(allowedUids, Optional.empty(), Optional.empty())));
    }

    private static Instant inAnHour() {
        return Instant.now().plusSeconds(3600);
    }

    @Test
    void acceptsAValidClusterTokenAsItsUid() throws Exception {
        var authenticator = authenticator(jwksUrl, Set.of("alice"));

        assertThat(authenticator.authenticate(token(clusterKey, "alice", inAnHour())))
                .contains(new ApiPrincipal("alice"));
    }

    @Test
    void refusesExpiredForeignUnsignedAndUidlessTokens() throws Exception {
        var authenticator = authenticator(jwksUrl, Set.of("alice"));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("dcos-1").generate();
        SignedJWT hmac = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .claim("uid", "alice")
                        .expirationTime(Date.from(inAnHour()))
                        .build());
        hmac.sign(new MACSigner(new byte[32]));

        assertThat(authenticator.authenticate(
                        token(clusterKey, "alice", Instant.now().minusSeconds(600))))
                .isEmpty();
        assertThat(authenticator.authenticate(token(stranger, "alice", inAnHour())))
                .isEmpty();
        assertThat(authenticator.authenticate(hmac.serialize())).isEmpty();
        assertThat(authenticator.authenticate(token(clusterKey, null, inAnHour())))
                .isEmpty();
        assertThat(authenticator.authenticate("not-a-jwt")).isEmpty();
    }

    @Test
    void letsInOnlyAllowedUidsAndNobodyWhenNoneAreConfigured() throws Exception {
        var authenticator = authenticator(jwksUrl, Set.of("ops"));
        var nobody = authenticator(jwksUrl, Set.of());

        assertThat(authenticator.authenticate(token(clusterKey, "ops", inAnHour())))
                .isPresent();
        assertThat(authenticator.authenticate(token(clusterKey, "alice", inAnHour())))
                .isEmpty();
        assertThat(nobody.authenticate(token(clusterKey, "ops", inAnHour()))).isEmpty();
    }

    @Test
    void anUnreachableJwksIsAnErrorNotARejection() throws Exception {
        var authenticator = authenticator(URI.create("http://127.0.0.1:1/jwks").toURL(), Set.of("alice"));

        assertThatThrownBy(() -> authenticator.authenticate(token(clusterKey, "alice", inAnHour())))
                .isInstanceOf(AuthenticationException.class);
    }
}

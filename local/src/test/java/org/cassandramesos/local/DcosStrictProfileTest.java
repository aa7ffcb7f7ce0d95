package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.iam.IamProfile;
import org.cassandramesos.local.iam.LocalIam;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.RawMesosHttp;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.tls.TlsMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DC/OS strict-mode profile: the IAM logs service accounts in only with a login JWT their own key signed, over
 * https with the cluster CA; the master accepts only {@code Authorization: token=<IAM token>} for the framework's
 * principal, and answers anything else 401 with the {@code acsjwt} challenge.
 */
class DcosStrictProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    static RSAKey account;
    static RSAKey other;
    static LocalMesos mesos;
    static LocalIam iam;
    static HttpClient https;
    final RawMesosHttp http = new RawMesosHttp();

    @BeforeAll
    static void start() throws Exception {
        account = new RSAKeyGenerator(2048).generate();
        other = new RSAKeyGenerator(2048).generate();
        mesos = LocalMesos.start(Clusters.config(workDir, 1)
                .dcosIam(new IamProfile(
                        Map.of(
                                TestScheduler.PRINCIPAL,
                                account.toRSAPublicKey(),
                                "someone-else",
                                other.toRSAPublicKey()),
                        Duration.ofMinutes(5)))
                .build());
        iam = mesos.iam().orElseThrow();
        https = HttpClient.newBuilder()
                .sslContext(TlsMaterial.trusting(iam.caCertificatePem()))
                .build();
    }

    @AfterAll
    static void stop() {
        if (mesos != null) mesos.close();
    }

    static String loginToken(String uid, RSAKey key, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .claim("uid", uid)
                        .expirationTime(Date.from(exp))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static HttpResponse<String> login(String uid, String token) throws Exception {
        return https.send(
                HttpRequest.newBuilder(iam.loginEndpoint())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                JSON.writeValueAsBytes(Map.of("uid", uid, "token", token))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String acsToken(String uid, RSAKey key) throws Exception {
        HttpResponse<String> response =
                login(uid, loginToken(uid, key, Instant.now().plusSeconds(60)));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("token").asText();
    }

    static Call subscribe() {
        return Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(TestScheduler.frameworkInfo(0)))
                .build();
    }

    @Test
    void theIamLogsInOnlyALoginTokenSignedByTheAccountsOwnKeyForItsUidAndNotExpired() throws Exception {
        int refusedBefore = iam.refusedLogins();
        String uid = TestScheduler.PRINCIPAL;

        assertThat(iam.loginEndpoint().getScheme()).isEqualTo("https");
        assertThat(login(uid, loginToken(uid, account, Instant.now().plusSeconds(60)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(login(uid, loginToken(uid, other, Instant.now().plusSeconds(60)))
                        .statusCode())
                .as("another key")
                .isEqualTo(401);
        assertThat(login(uid, loginToken(uid, account, Instant.now().minusSeconds(1)))
                        .statusCode())
                .as("expired")
                .isEqualTo(401);
        assertThat(login("someone-else", loginToken(uid, other, Instant.now().plusSeconds(60)))
                        .statusCode())
                .as("a login token naming another uid")
                .isEqualTo(401);
        assertThat(login(
                                "nobody-known",
                                loginToken(
                                        "nobody-known", account, Instant.now().plusSeconds(60)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(login(uid, "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(iam.refusedLogins() - refusedBefore).isEqualTo(5);
        // the IAM's certificate is the cluster CA's: a client trusting only the JVM's public CAs cannot reach it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(iam.loginEndpoint())
                                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        HttpResponse<String> ok =
                login(uid, loginToken(uid, account, Instant.now().plusSeconds(60)));
        assertThat(iam.verify(JSON.readTree(ok.body()).path("token").asText())).contains(uid);
        assertThat(iam.verify(loginToken(uid, account, Instant.now().plusSeconds(60))))
                .as("not signed by the IAM")
                .isEmpty();
    }

    @Test
    void theMasterAcceptsOnlyAnIamTokenForTheFrameworksPrincipal() throws Exception {
        URI endpoint = mesos.schedulerEndpoint();
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((TestScheduler.PRINCIPAL + ":secret").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> none = http.call(endpoint, subscribe(), Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("acsjwt");
        assertThat(http.call(endpoint, subscribe(), Map.of("Authorization", basic))
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.call(
                                endpoint,
                                subscribe(),
                                Map.of(
                                        "Authorization",
                                        "token="
                                                + loginToken(
                                                        TestScheduler.PRINCIPAL,
                                                        account,
                                                        Instant.now().plusSeconds(60))))
                        .statusCode())
                .as("a token the IAM did not sign")
                .isEqualTo(401);
        assertThat(http.call(endpoint, subscribe(), Map.of("Authorization", "token=" + acsToken("someone-else", other)))
                        .statusCode())
                .as("another principal's token")
                .isEqualTo(400);

        try (TestScheduler scheduler = new TestScheduler(
                        mesos.masterUri(), 0, Optional.of("token=" + acsToken(TestScheduler.PRINCIPAL, account)))
                .start()) {
            scheduler.awaitSubscribed(0);
            scheduler.awaitOffer(0);
        }
    }
}

package org.cassandramesos.scheduler.frameworkauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.StringSubstitutor;
import org.cassandramesos.tls.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settings that choose how the scheduler authenticates to Mesos, and the pure parts of the service login. */
class FrameworkCredentialsSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static RSAKey key;
    static String keyPem;

    @BeforeAll
    static void key() throws Exception {
        key = new RSAKeyGenerator(2048).generate();
        keyPem = Pem.encode(key.toRSAPrivateKey());
    }

    static String credential(Map<String, String> fields) throws Exception {
        return JSON.writeValueAsString(fields);
    }

    static String credential(String uid) throws Exception {
        return credential(Map.of(
                "scheme",
                "RS256",
                "uid",
                uid,
                "private_key",
                keyPem,
                "login_endpoint",
                "https://leader.mesos/acs/api/v1/auth/login"));
    }

    @Test
    void theSecretChoosesBasicAsThePrincipalAndNothingChoosesNone() {
        FrameworkAuthentication basic =
                FrameworkAuthentication.fromSettings("cassandra-principal", "s3cr:et", null, Optional.empty());

        assertThat(basic.authorization())
                .contains("Basic "
                        + Base64.getEncoder()
                                .encodeToString("cassandra-principal:s3cr:et".getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.toString()).contains("cassandra-principal").doesNotContain("s3cr:et");
        assertThat(FrameworkAuthentication.fromSettings("p", "", "  ", Optional.empty())
                        .authorization())
                .isEmpty();
    }

    @Test
    void bothCredentialsOrAnAccountThatIsNotThePrincipalAreRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> FrameworkAuthentication.fromSettings("p", "secret", credential("p"), Optional.empty()))
                .hasMessageContaining("both set");
        assertThatThrownBy(() -> FrameworkAuthentication.fromSettings(
                        "cassandra-principal", "", credential("cassandra-sa"), Optional.empty()))
                .hasMessageContaining("'cassandra-sa'")
                .hasMessageContaining("'cassandra-principal'");
        assertThatThrownBy(() -> FrameworkAuthentication.fromSettings("a:b", "secret", null, Optional.empty()))
                .hasMessageContaining("':'");
    }

    @Test
    void aCredentialIsReadAsDcosStoresItAndItsKeyIsNeverPrintedOrQuoted() throws Exception {
        ServiceAccountCredential parsed = ServiceAccountCredential.parse(credential("cassandra-sa"));

        assertThat(parsed.uid()).isEqualTo("cassandra-sa");
        assertThat(parsed.privateKey().getModulus())
                .isEqualTo(key.toRSAPublicKey().getModulus());
        assertThat(parsed.toString()).doesNotContain(keyPem.substring(40, 80));

        String body = keyPem.lines().skip(1).findFirst().orElseThrow();
        for (String bad : new String[] {
            "{\"uid\": \"x\", \"private_key\": \"" + body + "\"", // truncated JSON
            credential(Map.of("uid", "x", "private_key", body)), // not PEM
            credential(Map.of("uid", "x", "scheme", "HS256", "private_key", keyPem)),
            credential(Map.of("private_key", keyPem)),
            credential(Map.of(
                    "uid", "x", "private_key", keyPem, "login_endpoint", "http://leader.mesos/acs/api/v1/auth/login"))
        }) {
            assertThatThrownBy(() -> ServiceAccountCredential.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DCOS_SERVICE_ACCOUNT_CREDENTIAL")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 20)));
        }
        assertThat(ServiceAccountCredential.parse(credential(Map.of("uid", "x", "private_key", keyPem)))
                        .loginEndpoint())
                .isEqualTo(ServiceAccountCredential.DEFAULT_LOGIN_ENDPOINT);
    }

    @Test
    void theLoginTokenIsTheUidAndAShortExpirySignedWithTheAccountsKey() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SignedJWT jwt = SignedJWT.parse(ServiceLogin.loginToken(ServiceAccountCredential.parse(credential("sa")), now));

        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey())))
                .isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getJWTClaimsSet().getClaims().keySet()).containsExactlyInAnyOrder("uid", "exp");
        assertThat(jwt.getJWTClaimsSet().getClaim("uid")).isEqualTo("sa");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aTokenIsRenewedAtFourFifthsOfTheLifetimeLeftNeverSoonerThanASecond() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(new AcsToken("t", Optional.of(now.plus(Duration.ofDays(5)))).renewAfter(now))
                .isEqualTo(Duration.ofDays(4));
        assertThat(new AcsToken("t", Optional.of(now.plusSeconds(10))).renewAfter(now))
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(new AcsToken("t", Optional.of(now.minusSeconds(10))).renewAfter(now))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(AcsToken.parse("opaque").renewAfter(now)).isEqualTo(Duration.ofHours(1));
        assertThat(new AcsToken("abc", Optional.empty()).header()).isEqualTo("token=abc");
        assertThat(new AcsToken("abc", Optional.empty()).toString()).doesNotContain("abc");
    }

    /** scheduler.yml takes the credential as DC/OS stores it (one line of JSON, the key's newlines escaped). */
    @Test
    void theBundledSchedulerYmlPassesTheCredentialAndTheSecretThroughUnchanged() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/scheduler.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String json = credential("cassandra-sa");
        String secret = "a-secret: with #characters";
        String substituted = new StringSubstitutor(
                        Map.of("DCOS_SERVICE_ACCOUNT_CREDENTIAL", json, "MESOS_SECRET", secret))
                .setEnableSubstitutionInVariables(true)
                .replace(yaml);

        var config = new YAMLMapper().readTree(substituted);
        assertThat(config.path("dcos_service_account_credential").asText()).isEqualTo(json);
        assertThat(config.path("mesos_secret").asText()).isEqualTo(secret);
        assertThat(ServiceAccountCredential.parse(
                                config.path("dcos_service_account_credential").asText())
                        .uid())
                .isEqualTo("cassandra-sa");
    }
}

package org.cassandramesos.scheduler.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.cassandramesos.scheduler.auth.VerificationResult.Reason;
import org.cassandramesos.scheduler.auth.VerificationResult.Rejected;
import org.cassandramesos.scheduler.auth.VerificationResult.Verified;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class DcosJwtVerifierTest {
    private static final Duration CACHE_TTL = Duration.ofMillis(400);
    private static RSAKey k1;
    private static RSAKey k2;
    private static RSAKey attackerK1;
    /** The uids the tests' tokens name, allowed unless a test says otherwise. */
    private static final Set<String> CALLERS = Set.of("alice", "bootstrapuser");

    private JwksServer jwks;
    /** The key cache's clock: a test moves it past the cache lifetime instead of sleeping. */
    private final MutableClock cacheClock = MutableClock.of(Instant.now(), ZoneOffset.UTC);

    @BeforeAll
    static void generateKeys() throws Exception {
        k1 = new RSAKeyGenerator(2048).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
        k2 = new RSAKeyGenerator(2048).keyID("k2").algorithm(JWSAlgorithm.RS256).generate();
        // a different key pair claiming the id of a trusted key
        attackerK1 = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @BeforeEach
    void startJwks() throws Exception {
        jwks = new JwksServer().serve(k1);
    }

    @AfterEach
    void stopJwks() {
        jwks.close();
    }

    private DcosJwtVerifier verifier(Set<String> allowedUids) throws Exception {
        return verifier(new DcosJwtPolicy(allowedUids, Optional.empty(), Optional.empty()));
    }

    private DcosJwtVerifier verifier(DcosJwtPolicy policy) throws Exception {
        JwksSettings settings = new JwksSettings(
                jwks.url(),
                true,
                Optional.empty(),
                CACHE_TTL,
                Duration.ZERO,
                Duration.ofHours(1),
                Duration.ofSeconds(2));
        return new DcosJwtVerifier(new JwksKeySource(settings, cacheClock), policy);
    }

    private static String token(RSAKey key, String uid, Instant expiry) throws Exception {
        return token(key, uid, expiry, null);
    }

    private static String token(RSAKey key, String uid, Instant expiry, String issuer) throws Exception {
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder().expirationTime(Date.from(expiry)).issuer(issuer);
        if (uid != null) {
            claims.claim("uid", uid);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String valid(RSAKey key, String uid) throws Exception {
        return token(key, uid, Instant.now().plusSeconds(300));
    }

    private static Reason reason(VerificationResult result) {
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).reason();
    }

    @Test
    void aValidTokenYieldsItsUid() throws Exception {
        assertThat(verifier(CALLERS).verify(valid(k1, "bootstrapuser"))).isEqualTo(new Verified("bootstrapuser"));
    }

    @Test
    void anExpiredTokenIsRejectedButASmallClockSkewIsTolerated() throws Exception {
        DcosJwtVerifier verifier = verifier(CALLERS);

        assertThat(reason(verifier.verify(token(k1, "alice", Instant.now().minusSeconds(120)))))
                .isEqualTo(Reason.EXPIRED);
        assertThat(verifier.verify(token(k1, "alice", Instant.now().minusSeconds(10))))
                .isEqualTo(new Verified("alice"));
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderATrustedKidIsRejected() throws Exception {
        VerificationResult result = verifier(CALLERS).verify(valid(attackerK1, "alice"));

        assertThat(reason(result)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnknownKidRefetchesTheJwksSoRotatedKeysAreAccepted() throws Exception {
        DcosJwtVerifier verifier = verifier(CALLERS);
        assertThat(verifier.verify(valid(k1, "alice")).verified()).isTrue();
        int fetchesBefore = jwks.fetches.get();

        jwks.serve(k1, k2); // the IAM rotates in a new signing key
        assertThat(verifier.verify(valid(k2, "alice"))).isEqualTo(new Verified("alice"));
        assertThat(jwks.fetches.get()).isEqualTo(fetchesBefore + 1);

        assertThat(verifier.verify(valid(k1, "alice")).verified())
                .as("cached, no fetch")
                .isTrue();
        assertThat(jwks.fetches.get()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void aKidTheJwksNeverHadIsRejectedAsUnknown() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k9").generate();

        assertThat(reason(verifier(CALLERS).verify(valid(stranger, "alice")))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void aKeyRemovedFromTheJwksStopsVerifyingOnceTheCacheExpires() throws Exception {
        DcosJwtVerifier verifier = verifier(CALLERS);
        String signedByK1 = valid(k1, "alice");
        assertThat(verifier.verify(signedByK1).verified()).isTrue();

        jwks.serve(k2);
        cacheClock.add(CACHE_TTL.plusMillis(1));

        assertThat(reason(verifier.verify(signedByK1))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void cachedKeysSurviveJwksFetchFailures() throws Exception {
        DcosJwtVerifier verifier = verifier(CALLERS);
        assertThat(verifier.verify(valid(k1, "alice")).verified()).isTrue();

        jwks.fail();
        cacheClock.add(CACHE_TTL.plusMillis(1));

        assertThat(verifier.verify(valid(k1, "alice"))).isEqualTo(new Verified("alice"));
        assertThat(jwks.fetches.get())
                .as("the expired cache was refreshed, and that failed")
                .isGreaterThan(1);
    }

    @Test
    void withoutAnyFetchedKeysTheReasonIsThatKeysAreUnavailable() throws Exception {
        jwks.fail();

        VerificationResult result = verifier(CALLERS).verify(valid(k1, "alice"));

        assertThat(reason(result)).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(((Rejected) result).detail()).contains("/acs/api/v1/auth/jwks");
    }

    @Test
    void onlyAllowedUidsPassWhenAListIsConfigured() throws Exception {
        DcosJwtVerifier verifier = verifier(Set.of("ops", "bootstrapuser"));

        assertThat(verifier.verify(valid(k1, "ops"))).isEqualTo(new Verified("ops"));
        VerificationResult mallory = verifier.verify(valid(k1, "mallory"));
        assertThat(reason(mallory)).isEqualTo(Reason.UID_NOT_ALLOWED);
        assertThat(((Rejected) mallory).detail()).contains("mallory");
    }

    @Test
    void aTokenWithoutUidIsRejected() throws Exception {
        assertThat(reason(verifier(CALLERS).verify(valid(k1, null)))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void unsignedAndHmacTokensAreRejectedWhateverTheirClaims() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("uid", "bootstrapuser")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        String none = new PlainJWT(claims).serialize();
        // the classic confusion attack: HS256 with the public key as the shared secret
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        hmac.sign(new MACSigner(k1.toPublicJWK().toRSAPublicKey().getEncoded()));
        DcosJwtVerifier verifier = verifier(CALLERS);

        assertThat(reason(verifier.verify(none))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(reason(verifier.verify(hmac.serialize()))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
        assertThat(jwks.fetches.get()).as("rejected before any key lookup").isZero();
    }

    @Test
    void garbageIsMalformed() throws Exception {
        assertThat(reason(verifier(CALLERS).verify("not-a-jwt"))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejectionDetailsNeverContainTheToken() throws Exception {
        String expired = token(k1, "alice", Instant.now().minusSeconds(3600));

        VerificationResult result = verifier(CALLERS).verify(expired);

        assertThat(((Rejected) result).detail()).doesNotContain(expired).doesNotContain(expired.split("\\.")[2]);
    }

    @Test
    void allowedUidsAreParsedFromTheCommaSeparatedSetting() {
        assertThat(DcosJwtPolicy.parseUids("ops, bootstrapuser,,")).containsExactlyInAnyOrder("ops", "bootstrapuser");
        assertThat(DcosJwtPolicy.parseUids("")).isEmpty();
        assertThat(DcosJwtPolicy.parseUids(null)).isEmpty();
    }

    @Test
    void withNoAllowedUidsOnlyTheConfiguredSuperuserGetsIn() throws Exception {
        DcosJwtVerifier nobody = verifier(DcosJwtPolicy.of("", "", ""));
        DcosJwtVerifier superuserOnly = verifier(DcosJwtPolicy.of(" ", "bootstrapuser", ""));

        assertThat(reason(nobody.verify(valid(k1, "bootstrapuser")))).isEqualTo(Reason.UID_NOT_ALLOWED);
        assertThat(reason(nobody.verify(valid(k1, "alice")))).isEqualTo(Reason.UID_NOT_ALLOWED);
        assertThat(superuserOnly.verify(valid(k1, "bootstrapuser"))).isEqualTo(new Verified("bootstrapuser"));
        assertThat(reason(superuserOnly.verify(valid(k1, "alice")))).isEqualTo(Reason.UID_NOT_ALLOWED);
    }

    @Test
    void theSuperuserComesInAddition() throws Exception {
        DcosJwtVerifier verifier = verifier(DcosJwtPolicy.of("ops", "bootstrapuser", ""));

        assertThat(verifier.verify(valid(k1, "ops"))).isEqualTo(new Verified("ops"));
        assertThat(verifier.verify(valid(k1, "bootstrapuser"))).isEqualTo(new Verified("bootstrapuser"));
        assertThat(reason(verifier.verify(valid(k1, "alice")))).isEqualTo(Reason.UID_NOT_ALLOWED);
    }

    @Test
    void withoutAnExpectedIssuerATokenNamingAnyIssuerIsRefused() throws Exception {
        // DC/OS authentication tokens carry uid and exp only: one with an iss came from something else
        DcosJwtVerifier verifier = verifier(CALLERS);
        Instant later = Instant.now().plusSeconds(300);

        assertThat(verifier.verify(token(k1, "alice", later))).isEqualTo(new Verified("alice"));
        VerificationResult other = verifier.verify(token(k1, "alice", later, "https://other-issuer.example"));
        assertThat(reason(other)).isEqualTo(Reason.WRONG_ISSUER);
        assertThat(((Rejected) other).detail()).contains("other-issuer.example");
    }

    @Test
    void anExpectedIssuerMustBeTheTokensIssuer() throws Exception {
        DcosJwtVerifier verifier = verifier(new DcosJwtPolicy(CALLERS, Optional.empty(), Optional.of("dcos-iam")));
        Instant later = Instant.now().plusSeconds(300);

        assertThat(verifier.verify(token(k1, "alice", later, "dcos-iam"))).isEqualTo(new Verified("alice"));
        assertThat(reason(verifier.verify(token(k1, "alice", later, "dcos-iam2"))))
                .isEqualTo(Reason.WRONG_ISSUER);
        assertThat(reason(verifier.verify(token(k1, "alice", later)))).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void theJwksMustBeFetchedOverHttpsUnlessHttpIsExplicitlyAllowed() throws Exception {
        URL https = URI.create("https://leader.mesos/acs/api/v1/auth/jwks").toURL();
        URL http = URI.create("http://leader.mesos/acs/api/v1/auth/jwks").toURL();

        assertThat(JwksSettings.defaults(https, false, Optional.empty()).url()).isEqualTo(https);
        assertThatThrownBy(() -> JwksSettings.defaults(http, false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https")
                .hasMessageContaining("DCOS_JWKS_ALLOW_HTTP");
        assertThat(JwksSettings.defaults(http, true, Optional.empty()).url()).isEqualTo(http);
        assertThatThrownBy(() -> JwksSettings.defaults(
                        URI.create("file:///etc/jwks.json").toURL(), true, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownKidsRightAfterAFetchAreRateLimitedAndReportedAsUnknownKeys() throws Exception {
        JwksSettings rateLimited = new JwksSettings(
                jwks.url(),
                true,
                Optional.empty(),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofSeconds(2));
        DcosJwtVerifier verifier = new DcosJwtVerifier(
                new JwksKeySource(rateLimited), new DcosJwtPolicy(CALLERS, Optional.empty(), Optional.empty()));
        assertThat(verifier.verify(valid(k1, "alice")).verified()).isTrue();

        for (int i = 0; i < 5; i++) {
            RSAKey bogus = new RSAKeyGenerator(2048).keyID("bogus-" + i).generate();
            assertThat(reason(verifier.verify(valid(bogus, "alice")))).isEqualTo(Reason.UNKNOWN_KEY);
        }
        assertThat(jwks.fetches.get())
                .as("a flood of bogus kids is not a flood of JWKS fetches")
                .isLessThanOrEqualTo(2);
        assertThat(verifier.verify(valid(k1, "alice")).verified()).isTrue();
    }
}

package org.cassandramesos.scheduler.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.scheduler.auth.VerificationResult.Reason;
import org.cassandramesos.scheduler.auth.VerificationResult.Rejected;
import org.cassandramesos.scheduler.auth.VerificationResult.Verified;

/**
 * Verifies DC/OS authentication tokens (the ACS token of {@code Authorization: token=<t>}): RS256 only, signed by a
 * key of the cluster's JWKS, not expired (within a small clock skew), naming the expected issuer (none for DC/OS's
 * own tokens) and carrying a {@code uid} claim that the {@link DcosJwtPolicy} lets in (no uid when none is configured).
 */
public final class DcosJwtVerifier {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private final JwksKeySource keys;
    private final DcosJwtPolicy policy;
    private final Duration clockSkew;
    private final Clock clock;

    public DcosJwtVerifier(JwksKeySource keys, DcosJwtPolicy policy, Duration clockSkew, Clock clock) {
        this.keys = keys;
        this.policy = policy;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public DcosJwtVerifier(JwksKeySource keys, DcosJwtPolicy policy) {
        this(keys, policy, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    public VerificationResult verify(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            return new Rejected(Reason.MALFORMED, "not a JWT: " + e.getMessage());
        }
        // Algorithm first: "none" and HMAC tokens never get near a key (the public key is no HMAC secret).
        if (!(parsed instanceof SignedJWT jwt)
                || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Rejected(
                    Reason.UNSUPPORTED_ALGORITHM,
                    "algorithm " + parsed.getHeader().getAlgorithm() + " is not accepted, only RS256");
        }
        Optional<String> keyId = Optional.ofNullable(jwt.getHeader().getKeyID());
        List<RSAKey> candidates;
        try {
            candidates = keys.rs256Keys(keyId);
        } catch (JwksKeySource.KeysUnavailableException e) {
            return new Rejected(Reason.KEYS_UNAVAILABLE, e.getMessage());
        }
        if (candidates.isEmpty()) {
            return new Rejected(
                    Reason.UNKNOWN_KEY,
                    "no RS256 key " + keyId.map(k -> "with kid " + k).orElse("") + " in the JWKS");
        }
        if (!signedByAnyOf(jwt, candidates)) {
            return new Rejected(Reason.BAD_SIGNATURE, "signature does not verify with key " + keyId.orElse("(no kid)"));
        }
        try {
            return checkClaims(jwt.getJWTClaimsSet());
        } catch (ParseException e) {
            return new Rejected(Reason.MALFORMED, "unreadable claims: " + e.getMessage());
        }
    }

    private static boolean signedByAnyOf(SignedJWT jwt, List<RSAKey> candidates) {
        for (RSAKey key : candidates) {
            try {
                if (jwt.verify(new RSASSAVerifier(key))) {
                    return true;
                }
            } catch (JOSEException e) {
                // an unusable key (e.g. too short) cannot have signed it; try the next
            }
        }
        return false;
    }

    private VerificationResult checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return new Rejected(Reason.MISSING_CLAIM, "no exp claim");
        }
        if (expiry.toInstant().plus(clockSkew).isBefore(now)) {
            return new Rejected(Reason.EXPIRED, "expired at " + expiry.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(clockSkew).isAfter(now)) {
            return new Rejected(Reason.NOT_YET_VALID, "not valid before " + notBefore.toInstant());
        }
        Object issuer = claims.getClaim("iss");
        if (issuer != null && !(issuer instanceof String) || !policy.issuedBy((String) issuer)) {
            return new Rejected(
                    Reason.WRONG_ISSUER,
                    "issuer " + (issuer == null ? "(none)" : issuer) + " is not the expected "
                            + policy.expectedIssuer().orElse("(none)"));
        }
        Object uid = claims.getClaim("uid");
        if (!(uid instanceof String uidText) || uidText.isBlank()) {
            return new Rejected(Reason.MISSING_CLAIM, "no uid claim");
        }
        if (!policy.allows(uidText)) {
            return new Rejected(Reason.UID_NOT_ALLOWED, "uid " + uidText + " is not allowed");
        }
        return new Verified(uidText);
    }
}

package org.cassandramesos.local.iam;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM's decisions on tokens, as pure functions: a service login JWT (signed by the account's own key) and an
 * authentication token (signed by the IAM) are valid when RS256-signed by the expected key, naming a {@code uid}
 * and an {@code exp} still in the future.
 */
public final class LoginTokens {
    private LoginTokens() {}

    /** The uid a service login proves: {@code uid} names a known account whose key signed {@code token} for it. */
    public static Optional<String> verifyLogin(
            String uid, String token, Map<String, RSAPublicKey> accounts, Instant now) {
        RSAPublicKey key = uid == null ? null : accounts.get(uid);
        if (key == null) {
            return Optional.empty();
        }
        return verify(token, key, now).filter(uid::equals);
    }

    /** The uid of a token signed by {@code key}, if it is valid at {@code now}. */
    public static Optional<String> verify(String token, RSAPublicKey key, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key))) {
                return Optional.empty();
            }
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            Object uid = jwt.getJWTClaimsSet().getClaim("uid");
            if (exp == null || !now.isBefore(exp.toInstant()) || !(uid instanceof String s) || s.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(s);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}

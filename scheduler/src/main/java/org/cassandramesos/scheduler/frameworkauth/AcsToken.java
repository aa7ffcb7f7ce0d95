package org.cassandramesos.scheduler.frameworkauth;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * A DC/OS authentication token from a service login, and when it expires (its {@code exp}; read, not verified: it
 * came from the IAM over https and only the master has to trust it). Never printed.
 *
 * @param value     what follows {@code token=} in {@code Authorization}
 * @param expiresAt the token's {@code exp}; empty when it carries none (then it is renewed after a fixed period)
 */
public record AcsToken(String value, Optional<Instant> expiresAt) {
    /** Without an {@code exp}, the token is renewed this often. */
    static final Duration UNKNOWN_LIFETIME_RENEWAL = Duration.ofHours(1);
    /** Renew at this fraction of the lifetime left when the token arrived. */
    static final double RENEW_AT = 0.8;
    /** The shortest wait before a renewal (a token that arrives nearly expired must not become a login loop). */
    static final Duration MIN_RENEWAL = Duration.ofSeconds(1);

    public static AcsToken parse(String value) {
        Optional<Instant> exp;
        try {
            exp = Optional.ofNullable(SignedJWT.parse(value).getJWTClaimsSet().getExpirationTime())
                    .map(Date::toInstant);
        } catch (ParseException e) {
            exp = Optional.empty();
        }
        return new AcsToken(value, exp);
    }

    /** {@code Authorization: token=<value>}, as DC/OS components expect. */
    public String header() {
        return "token=" + value;
    }

    /** How long after {@code obtained} to log in again: at 80% of the lifetime left then, never sooner than 1 s. */
    public Duration renewAfter(Instant obtained) {
        if (expiresAt.isEmpty()) {
            return UNKNOWN_LIFETIME_RENEWAL;
        }
        long left = Duration.between(obtained, expiresAt.get()).toMillis();
        Duration renew = Duration.ofMillis((long) (left * RENEW_AT));
        return renew.compareTo(MIN_RENEWAL) < 0 ? MIN_RENEWAL : renew;
    }

    @Override
    public String toString() {
        return "AcsToken[expires " + expiresAt.map(Instant::toString).orElse("(unknown)") + ", value=<redacted>]";
    }
}

package org.cassandramesos.scheduler.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RS256 signing keys of a remote JWKS. Nimbus's JWK source does the caching: keys are kept for
 * {@code cacheTtl}, re-fetched when a token names a key id the cache lacks (rate limited), and kept through
 * fetch failures for {@code outageTolerance}. Those lifetimes run on the given clock (tests move their own).
 */
public final class JwksKeySource {
    /** The JWKS could not be fetched and nothing usable is cached. */
    public static final class KeysUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        KeysUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JWKSetSource<SecurityContext> source;
    private final Clock clock;
    private final String url;

    public JwksKeySource(JwksSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public JwksKeySource(JwksSettings settings, Clock clock) {
        int timeoutMs = Math.toIntExact(settings.httpTimeout().toMillis());
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(
                        settings.url(),
                        new DefaultResourceRetriever(
                                timeoutMs,
                                timeoutMs,
                                JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT,
                                true,
                                settings.caBundle().map(CaBundle::socketFactory).orElse(null)))
                .cache(settings.cacheTtl().toMillis(), timeoutMs)
                .refreshAheadCache(false)
                .retrying(false)
                .outageTolerant(settings.outageTolerance().toMillis());
        builder = settings.minRefreshInterval().isZero()
                ? builder.rateLimited(false)
                : builder.rateLimited(settings.minRefreshInterval().toMillis());
        // without failover the builder's source is a JWKSetBasedJWKSource; its cache, rate limit and outage tolerance
        // take the current time from each call, so calling the chain ourselves puts them on our clock
        this.source = ((JWKSetBasedJWKSource<SecurityContext>) builder.build()).getJWKSetSource();
        this.clock = clock;
        this.url = settings.url().toString();
    }

    /** The RSA signature keys usable for RS256 with this key id (all of them when the token names none). */
    public List<RSAKey> rs256Keys(Optional<String> keyId) throws KeysUnavailableException {
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.RSA)
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(JWSAlgorithm.RS256, null);
        keyId.ifPresent(matcher::keyID);
        try {
            List<RSAKey> keys = new ArrayList<>();
            for (JWK jwk : select(new JWKSelector(matcher.build()))) {
                keys.add(jwk.toRSAKey());
            }
            return keys;
        } catch (RateLimitReachedException e) {
            // the key is not in the cached set and another fetch is not allowed yet: for this token it does not exist
            return List.of();
        } catch (KeySourceException e) {
            throw new KeysUnavailableException("cannot fetch the JWKS from " + url + ": " + e.getMessage(), e);
        }
    }

    /** As Nimbus's {@code JWKSetBasedJWKSource.get}: the cached set, and one refresh when it has no matching key. */
    private List<JWK> select(JWKSelector selector) throws KeySourceException {
        long now = clock.millis();
        JWKSet cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
        List<JWK> selected = selector.select(cached);
        if (!selected.isEmpty()) return selected;
        JWKSet refreshed = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now, null);
        return refreshed == null ? selected : selector.select(refreshed);
    }
}

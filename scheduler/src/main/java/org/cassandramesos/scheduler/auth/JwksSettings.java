package org.cassandramesos.scheduler.auth;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the JWKS is fetched and cached.
 *
 * @param url the JWKS (DCOS_JWKS_URL), e.g. https://leader.mesos/acs/api/v1/auth/jwks; https only, unless
 *     {@code allowHttp}: whoever can answer a plain-http fetch could serve its own keys and mint tokens
 * @param allowHttp accept an http URL (DCOS_JWKS_ALLOW_HTTP), for a network where that cannot happen
 * @param caBundle the PEM certificates an https JWKS server must chain to (DCOS_JWKS_CA_PATH, e.g. the cluster's
 *     CA); empty: the JVM's trust store
 * @param cacheTtl keys are re-fetched after this long (periodic refresh, picks up removed keys)
 * @param minRefreshInterval at most one extra fetch per interval for unknown key ids (a flood of bogus
 *     {@code kid}s must not become a flood of requests to the IAM)
 * @param outageTolerance how long cached keys stay usable while the JWKS cannot be fetched
 * @param httpTimeout connect and read timeout of one fetch
 */
public record JwksSettings(
        URL url,
        boolean allowHttp,
        Optional<Path> caBundle,
        Duration cacheTtl,
        Duration minRefreshInterval,
        Duration outageTolerance,
        Duration httpTimeout) {

    public JwksSettings {
        String scheme = url.getProtocol();
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new IllegalArgumentException("DCOS_JWKS_URL must be an https URL, not " + url
                    + (scheme.equals("http")
                            ? " (keys fetched over plain http can be replaced on the way; DCOS_JWKS_ALLOW_HTTP=true accepts it)"
                            : ""));
        }
    }

    public static JwksSettings defaults(URL url, boolean allowHttp, Optional<Path> caBundle) {
        return new JwksSettings(
                url,
                allowHttp,
                caBundle,
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofHours(24),
                Duration.ofSeconds(5));
    }
}

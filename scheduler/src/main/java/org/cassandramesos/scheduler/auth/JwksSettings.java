package org.cassandramesos.scheduler.auth;

import java.net.URL;
import java.time.Duration;

/**
 * How the JWKS is fetched and cached.
 *
 * @param url the JWKS (DCOS_JWKS_URL), e.g. http://leader.mesos/acs/api/v1/auth/jwks
 * @param cacheTtl keys are re-fetched after this long (periodic refresh, picks up removed keys)
 * @param minRefreshInterval at most one extra fetch per interval for unknown key ids (a flood of bogus
 *     {@code kid}s must not become a flood of requests to the IAM)
 * @param outageTolerance how long cached keys stay usable while the JWKS cannot be fetched
 * @param httpTimeout connect and read timeout of one fetch
 */
public record JwksSettings(URL url, Duration cacheTtl, Duration minRefreshInterval, Duration outageTolerance,
                           Duration httpTimeout) {

  public static JwksSettings defaults(URL url) {
    return new JwksSettings(url, Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(24),
        Duration.ofSeconds(5));
  }
}

package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.JSONUnauthorizedHandler;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.net.URL;
import java.util.Set;
import org.cassandramesos.scheduler.config.AuthMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the configured authentication in front of the {@code /v1} API. */
public final class ApiAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthentication.class);

    private ApiAuthentication() {}

    /**
     * @param token       the static token ({@code token} mode)
     * @param jwksUrl     the cluster's JWKS ({@code dcos-jwt} mode)
     * @param allowedUids uids let in ({@code dcos-jwt} mode); empty = every valid token
     */
    public static void register(JerseyEnvironment jersey, AuthMode mode, String token, URL jwksUrl,
            Set<String> allowedUids) {
        switch (mode) {
            case TOKEN -> jersey.register(filter(new StaticTokenAuthenticator(token)));
            case DCOS_JWT -> jersey.register(filter(new DcosJwtAuthenticator(
                    new DcosJwtVerifier(new JwksKeySource(JwksSettings.defaults(jwksUrl)), allowedUids))));
            case NONE -> LOG.warn("API AUTHENTICATION IS OFF (auth mode 'none'): anyone who can reach the API port "
                    + "can control this Cassandra cluster");
        }
    }

    private static TokenAuthFilter filter(Authenticator<String, ApiPrincipal> authenticator) {
        return new TokenAuthFilter.Builder()
                .setAuthenticator(authenticator)
                .setUnauthorizedHandler(new JSONUnauthorizedHandler())
                .setPrefix("Bearer")
                .setRealm(TokenAuthFilter.REALM)
                .buildAuthFilter();
    }
}

package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.JSONUnauthorizedHandler;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.cassandramesos.scheduler.config.AuthMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the configured authentication in front of the {@code /v1} API. */
public final class ApiAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthentication.class);

    private ApiAuthentication() {}

    public static void register(JerseyEnvironment jersey, AuthMode mode, String token) {
        switch (mode) {
            case TOKEN -> jersey.register(new TokenAuthFilter.Builder()
                    .setAuthenticator(new StaticTokenAuthenticator(token))
                    .setUnauthorizedHandler(new JSONUnauthorizedHandler())
                    .setPrefix("Bearer")
                    .setRealm(TokenAuthFilter.REALM)
                    .buildAuthFilter());
            case NONE -> LOG.warn("API AUTHENTICATION IS OFF (auth mode 'none'): anyone who can reach the API port "
                    + "can control this Cassandra cluster");
            case DCOS_JWT -> throw new IllegalStateException(
                    "auth mode 'dcos-jwt' is not implemented yet; use 'token'");
        }
    }
}

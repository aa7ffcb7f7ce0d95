package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.JSONUnauthorizedHandler;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import org.cassandramesos.scheduler.config.AuthMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the configured authentication in front of the {@code /v1} API. */
public final class ApiAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthentication.class);

    private ApiAuthentication() {}

    /**
     * @param token         the static token ({@code token} mode)
     * @param jwksUrl       the cluster's JWKS ({@code dcos-jwt} mode)
     * @param allowHttpJwks accept an http JWKS URL ({@code dcos-jwt} mode)
     * @param jwksCaBundle  the CA certificates of the https JWKS ({@code dcos-jwt} mode); empty: the JVM's trust store
     * @param callers       whom a verified token lets in ({@code dcos-jwt} mode)
     */
    public static void register(
            JerseyEnvironment jersey,
            AuthMode mode,
            String token,
            URL jwksUrl,
            boolean allowHttpJwks,
            Optional<Path> jwksCaBundle,
            DcosJwtPolicy callers) {
        switch (mode) {
            case TOKEN -> jersey.register(filter(new StaticTokenAuthenticator(token)));
            case DCOS_JWT -> {
                if (callers.refusesEveryone()) {
                    LOG.warn("auth mode dcos-jwt with neither DCOS_ALLOWED_UIDS nor DCOS_SUPERUSER_UID: every token is "
                            + "refused until one of them names the uids that may control this cluster");
                }
                jersey.register(filter(new DcosJwtAuthenticator(new DcosJwtVerifier(
                        new JwksKeySource(JwksSettings.defaults(jwksUrl, allowHttpJwks, jwksCaBundle)), callers))));
            }
            case NONE ->
                LOG.warn("API AUTHENTICATION IS OFF (auth mode 'none'): anyone who can reach the API port "
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

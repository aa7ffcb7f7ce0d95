package org.cassandramesos.scheduler.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import java.net.URL;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * DC/OS authentication tokens: RS256 JWTs signed by the cluster's IAM, verified against its JWKS
 * (fetched over HTTP and cached), with an {@code exp} and a {@code uid}. Optionally only some uids
 * are let in. A token that does not verify is simply not authenticated (401); a JWKS that cannot be
 * fetched is an error (5xx), not a rejection.
 */
public final class DcosJwtAuthenticator implements Authenticator<String, ApiPrincipal> {
    static final String UID = "uid";

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<String> allowedUids;

    public DcosJwtAuthenticator(URL jwksUrl, Set<String> allowedUids) {
        this(JWKSourceBuilder.<SecurityContext>create(jwksUrl).retrying(true).build(), allowedUids);
    }

    DcosJwtAuthenticator(JWKSource<SecurityContext> keys, Set<String> allowedUids) {
        this.allowedUids = Set.copyOf(allowedUids);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, new JWTClaimsSet.Builder().build(),
                Set.of(UID, "exp")));
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String token) throws AuthenticationException {
        try {
            String uid = processor.process(token, null).getStringClaim(UID);
            if (uid == null || (!allowedUids.isEmpty() && !allowedUids.contains(uid))) {
                return Optional.empty();
            }
            return Optional.of(new ApiPrincipal(uid));
        } catch (ParseException | BadJOSEException e) {
            return Optional.empty();
        } catch (JOSEException e) {
            throw new AuthenticationException("cannot verify DC/OS tokens: " + e.getMessage(), e);
        }
    }
}

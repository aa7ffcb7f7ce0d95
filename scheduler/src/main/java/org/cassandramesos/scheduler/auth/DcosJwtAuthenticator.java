package org.cassandramesos.scheduler.auth;

import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/**
 * Dropwizard's view of {@link DcosJwtVerifier}: a verified token is a principal, a refused one is
 * simply not authenticated (401), and a JWKS that cannot be fetched is an error (5xx), not a
 * rejection.
 */
public final class DcosJwtAuthenticator implements Authenticator<String, ApiPrincipal> {
    private final DcosJwtVerifier verifier;

    public DcosJwtAuthenticator(DcosJwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String token) throws AuthenticationException {
        VerificationResult result = verifier.verify(token);
        if (result instanceof VerificationResult.Verified verified) {
            return Optional.of(new ApiPrincipal(verified.uid()));
        }
        VerificationResult.Rejected rejected = (VerificationResult.Rejected) result;
        if (rejected.reason() == VerificationResult.Reason.KEYS_UNAVAILABLE) {
            throw new AuthenticationException("cannot verify DC/OS tokens: " + rejected.detail());
        }
        return Optional.empty();
    }
}

package org.cassandramesos.local.iam;

import java.util.Optional;
import org.cassandramesos.local.master.FrameworkAuthenticator;

/**
 * The DC/OS strict master's framework authentication: only {@code Authorization: token=<authentication token>}
 * issued by the IAM and not expired; the token's {@code uid} is the framework's principal (which SUBSCRIBE's
 * {@code FrameworkInfo.principal} must then equal). Anything else is a 401 with the {@code acsjwt} challenge, as
 * DC/OS components answer.
 */
public record IamTokenAuthenticator(LocalIam iam) implements FrameworkAuthenticator {
    private static final String PREFIX = "token=";

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return iam.verify(authorization.substring(PREFIX.length()).trim());
    }

    @Override
    public String challenge() {
        return "acsjwt";
    }
}

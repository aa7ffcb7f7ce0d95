package org.cassandramesos.local.master;

import java.util.Optional;

/**
 * How the master authenticates schedulers' HTTP requests, as a master started with
 * {@code --authenticate_http_frameworks} and one {@code --http_framework_authenticators} module.
 */
public interface FrameworkAuthenticator {
    /** False: authentication is off and every request is let through unauthenticated. */
    boolean enabled();

    /** The principal an {@code Authorization} header proves, if it is valid. */
    Optional<String> authenticate(String authorization);

    /** The {@code WWW-Authenticate} value of a 401. */
    String challenge();
}

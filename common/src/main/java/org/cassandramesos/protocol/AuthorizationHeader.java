package org.cassandramesos.protocol;

import java.util.Optional;

/**
 * The credentials of an Authorization header in the DC/OS form {@code token=<t>} or the form {@code Bearer <t>}:
 * the two forms every API of this project (scheduler, node API) accepts.
 */
public final class AuthorizationHeader {
    private AuthorizationHeader() {}

    public static Optional<String> credentials(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        String credentials;
        if (value.regionMatches(true, 0, "token=", 0, 6)) {
            credentials = value.substring(6);
        } else if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            credentials = value.substring(7);
        } else {
            return Optional.empty();
        }
        credentials = credentials.strip();
        return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }
}

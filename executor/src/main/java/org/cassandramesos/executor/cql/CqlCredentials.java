package org.cassandramesos.executor.cql;

import java.util.Objects;

/** A CQL login. {@link #toString()} never shows the password. */
public record CqlCredentials(String user, String password) {
    public CqlCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "CqlCredentials[user=" + user + ", password=<redacted>]";
    }
}

package org.cassandramesos.scheduler.auth;

import java.security.Principal;

/** Whoever presented valid credentials to the API. */
public record ApiPrincipal(String name) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}

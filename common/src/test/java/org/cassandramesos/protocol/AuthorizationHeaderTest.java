package org.cassandramesos.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {
    @Test
    void acceptsTheDcosAndTheBearerForms() {
        assertThat(AuthorizationHeader.credentials("token=abc.def.ghi")).contains("abc.def.ghi");
        assertThat(AuthorizationHeader.credentials("Bearer abc.def.ghi")).contains("abc.def.ghi");
        assertThat(AuthorizationHeader.credentials("bearer  xyz ")).contains("xyz");
    }

    @Test
    void refusesOtherSchemesAndEmptyCredentials() {
        assertThat(AuthorizationHeader.credentials(null)).isEmpty();
        assertThat(AuthorizationHeader.credentials("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(AuthorizationHeader.credentials("token=")).isEmpty();
        assertThat(AuthorizationHeader.credentials("Bearer ")).isEmpty();
    }
}

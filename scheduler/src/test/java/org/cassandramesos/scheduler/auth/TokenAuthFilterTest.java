package org.cassandramesos.scheduler.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenAuthFilterTest {

    @Test
    void acceptsTheDcosAndTheBearerForm() {
        assertThat(TokenAuthFilter.credentials("token=abc")).isEqualTo("abc");
        assertThat(TokenAuthFilter.credentials("Bearer abc")).isEqualTo("abc");
        assertThat(TokenAuthFilter.credentials("bearer  abc ")).isEqualTo("abc");
    }

    @Test
    void anythingElseHasNoCredentials() {
        assertThat(TokenAuthFilter.credentials(null)).isNull();
        assertThat(TokenAuthFilter.credentials("Basic dXNlcjpwdw==")).isNull();
        assertThat(TokenAuthFilter.credentials("token=")).isNull();
        assertThat(TokenAuthFilter.credentials("Bearer")).isNull();
    }

    @Test
    void protectsOnlyTheV1Api() {
        assertThat(TokenAuthFilter.isProtected("v1/plans")).isTrue();
        assertThat(TokenAuthFilter.isProtected("/v1")).isTrue();
        assertThat(TokenAuthFilter.isProtected("docs")).isFalse();
        assertThat(TokenAuthFilter.isProtected("v10")).isFalse();
    }

    @Test
    void staticTokensMustMatchExactly() throws Exception {
        StaticTokenAuthenticator authenticator = new StaticTokenAuthenticator("s3cret");

        assertThat(authenticator.authenticate("s3cret")).isPresent();
        assertThat(authenticator.authenticate("s3cre")).isEmpty();
        assertThat(authenticator.authenticate("s3cret2")).isEmpty();
        assertThatThrownBy(() -> new StaticTokenAuthenticator(" ")).hasMessageContaining("AUTH_TOKEN");
    }
}

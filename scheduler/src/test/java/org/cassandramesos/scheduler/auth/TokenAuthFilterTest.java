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
    void onlyTheExactDocsAndReadyPathsArePublicAndOnlyForReading() {
        assertThat(PublicRoutes.isPublic("GET", "/docs", "/")).isTrue();
        assertThat(PublicRoutes.isPublic("HEAD", "/ready", "/")).isTrue();
        assertThat(PublicRoutes.isPublic("GET", "/api/ready", "/api/")).isTrue();
        for (String variant : java.util.List.of(
                "/docs/",
                "/docs;",
                "/docs;x=y",
                "/%64ocs",
                "/DOCS",
                "//docs",
                "/./docs",
                "/x/../docs",
                "/ready/.",
                "/v1/plan",
                "/",
                "",
                "/v1;/plan",
                "/api/docs")) {
            assertThat(PublicRoutes.isPublic("GET", variant, "/")).as(variant).isFalse();
        }
        assertThat(PublicRoutes.isPublic("POST", "/docs", "/")).isFalse();
        assertThat(PublicRoutes.isPublic("OPTIONS", "/ready", "/")).isFalse();
        assertThat(PublicRoutes.isPublic(null, "/ready", "/")).isFalse();
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

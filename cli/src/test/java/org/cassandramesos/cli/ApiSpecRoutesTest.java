package org.cassandramesos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApiSpecRoutesTest {
    private final ApiSpecRoutes spec = ApiSpecRoutes.load(Path.of("../api-spec/openapi.yaml"));

    @Test
    void matchesMethodPathTemplateAndRequiredQuery() {
        assertThat(spec.allows("GET", "/v1/plans/deploy")).isTrue();
        assertThat(spec.allows("POST", "/v1/plans/deploy/restart?phase=p&step=s"))
                .isTrue();
        assertThat(spec.allows("PUT", "/v1/nodes/restart?node=node-0")).isTrue();
    }

    @Test
    void refusesWrongMethodsUnknownPathsAndMissingQuery() {
        assertThat(spec.allows("DELETE", "/v1/plans/deploy")).isFalse();
        assertThat(spec.allows("GET", "/v1/plans/deploy/steps")).isFalse();
        assertThat(spec.allows("POST", "/v1/plans/deploy/restart?phase=p")).isFalse();
        assertThat(spec.allows("PUT", "/v1/nodes/restart")).isFalse();
    }
}

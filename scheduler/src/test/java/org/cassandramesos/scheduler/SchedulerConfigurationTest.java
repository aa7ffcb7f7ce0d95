package org.cassandramesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulerConfigurationTest {

    @Test
    void dcosCallersAreTheCommaSeparatedUidsAndTheSuperuserAndNobodyByDefault() {
        SchedulerConfiguration configuration = new SchedulerConfiguration();
        assertThat(configuration.dcosJwtPolicy().refusesEveryone()).isTrue();
        assertThat(configuration.getDcosJwksUrl().toString()).isEqualTo("https://leader.mesos/acs/api/v1/auth/jwks");
        assertThat(configuration.isDcosJwksAllowHttp()).isFalse();

        configuration.setDcosAllowedUids(" ops, bootstrapuser ,,");
        configuration.setDcosSuperuserUid(" root ");
        configuration.setDcosJwtIssuer("https://issuer.example");
        assertThat(configuration.dcosJwtPolicy().allowedUids()).containsExactlyInAnyOrder("ops", "bootstrapuser");
        assertThat(configuration.dcosJwtPolicy().superuserUid()).contains("root");
        assertThat(configuration.dcosJwtPolicy().expectedIssuer()).contains("https://issuer.example");

        configuration.setDcosAllowedUids(null);
        configuration.setDcosSuperuserUid(null);
        configuration.setDcosJwtIssuer(" ");
        assertThat(configuration.dcosJwtPolicy().refusesEveryone()).isTrue();
        assertThat(configuration.dcosJwtPolicy().expectedIssuer()).isEqualTo(Optional.empty());
    }
}

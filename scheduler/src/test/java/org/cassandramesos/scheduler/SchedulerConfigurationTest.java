package org.cassandramesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchedulerConfigurationTest {

    @Test
    void allowedUidsAreACommaSeparatedListWhereEmptyMeansAnyone() {
        SchedulerConfiguration configuration = new SchedulerConfiguration();
        assertThat(configuration.allowedUids()).isEmpty();

        configuration.setDcosAllowedUids(" ops, bootstrapuser ,,");
        assertThat(configuration.allowedUids()).containsExactlyInAnyOrder("ops", "bootstrapuser");

        configuration.setDcosAllowedUids(null);
        assertThat(configuration.allowedUids()).isEmpty();
    }
}

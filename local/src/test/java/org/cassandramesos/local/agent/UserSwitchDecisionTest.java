package org.cassandramesos.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserSwitchDecisionTest {
    @Test
    void theExecutorsOwnUserWinsOverTheFrameworks() {
        assertThat(UserSwitch.decide("root", true, "cassandra", "nobody"))
                .isEqualTo(new UserSwitch.SwitchTo("cassandra"));
        assertThat(UserSwitch.decide("root", true, "", "nobody")).isEqualTo(new UserSwitch.SwitchTo("nobody"));
    }

    @Test
    void theAgentsOwnUserNeedsNoSwitch() {
        assertThat(UserSwitch.decide("alice", false, "", "alice")).isEqualTo(new UserSwitch.Stay());
        assertThat(UserSwitch.decide("root", true, "root", "nobody")).isEqualTo(new UserSwitch.Stay());
        assertThat(UserSwitch.decide("alice", false, "", "")).isEqualTo(new UserSwitch.Stay());
    }

    @Test
    void onlyRootRunsTasksAsAnotherUser() {
        assertThat(UserSwitch.decide("alice", false, "", "nobody"))
                .isInstanceOfSatisfying(
                        UserSwitch.Refused.class,
                        refused -> assertThat(refused.message())
                                .contains("'nobody'")
                                .contains("runs as 'alice'"));
    }
}

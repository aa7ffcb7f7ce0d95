package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the scheduler may do with offers, updates and its periodic work, for each state of its ZooKeeper connection. */
class StateAvailabilityTest {

    @Test
    void withoutZooKeeperNothingIsDecidedAndNothingIsStored() {
        StateAvailability away = StateAvailability.of(false, true);

        assertThat(away).isEqualTo(StateAvailability.UNAVAILABLE);
        assertThat(StateAvailability.of(false, false)).isEqualTo(StateAvailability.UNAVAILABLE);
        assertThat(away.mayUseOffers(true)).as("offers are declined").isFalse();
        assertThat(away.mayStoreUpdates()).as("updates stay unacknowledged").isFalse();
        assertThat(away.mayAct()).isFalse();
    }

    @Test
    void backFromAnOutageUpdatesAreStoredButOffersWaitUntilTheSchedulerHasCaughtUp() {
        StateAvailability back = StateAvailability.of(true, false);

        assertThat(back).isEqualTo(StateAvailability.CATCHING_UP);
        assertThat(back.mayStoreUpdates()).isTrue();
        assertThat(back.mayUseOffers(true))
                .as("reconciliation has not been restarted yet")
                .isFalse();
        assertThat(back.mayAct()).isFalse();
    }

    @Test
    void caughtUpOffersAreUsedOnlyOnceTheMasterHasConfirmedTheTasks() {
        StateAvailability available = StateAvailability.of(true, true);

        assertThat(available).isEqualTo(StateAvailability.AVAILABLE);
        assertThat(available.mayUseOffers(false)).as("still reconciling").isFalse();
        assertThat(available.mayUseOffers(true)).isTrue();
        assertThat(available.mayStoreUpdates()).isTrue();
        assertThat(available.mayAct()).isTrue();
    }
}

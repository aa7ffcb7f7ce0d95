package org.cassandramesos.local;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;

import org.cassandramesos.local.support.Stepwise;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A scenario whose second step fails: the first passed, the second fails, the rest are skipped naming it. */
class StepwiseTest {
    /** Only while this test runs it does the scenario's second step fail (a stray discovery of it passes). */
    static volatile boolean armed;

    @Test
    void stepsAfterAFailedStepAreSkippedNamingItAndEarlierStepsStand() {
        armed = true;
        try {
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(Scenario.class))
                    .execute()
                    .testEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(test("first"), finishedSuccessfully()))
                    .haveExactly(1, event(test("second"), finishedWithFailure()))
                    .haveExactly(
                            1,
                            event(
                                    test("third"),
                                    skippedWithReason("an earlier step of this scenario failed: second()")))
                    .haveExactly(1, event(test("fourth"), skippedWithReason(r -> r.contains("second()"))));
        } finally {
            armed = false;
        }
    }

    @Stepwise
    static class Scenario {
        @Test
        @Order(1)
        void first() {}

        @Test
        @Order(2)
        void second() {
            if (armed) throw new AssertionError("the step's own failure");
        }

        @Test
        @Order(3)
        void third() {}

        @Test
        @Order(4)
        void fourth() {}
    }
}

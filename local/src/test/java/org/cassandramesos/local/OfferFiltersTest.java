package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.SchedulerOnLocalMesos;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/**
 * Refuse filters per agent, REVIVE and SUPPRESS. The master's refuse filters run on a clock the test moves: a filter
 * expires when the clock passes its refuse time, never because the test waited.
 */
class OfferFiltersTest {
    private static final Duration NO_OFFER_WINDOW = Duration.ofMillis(600); // three allocation intervals

    private final MutableClock clock = MutableClock.epochUTC();

    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(2, b -> b.clock(clock));

    private Offer offerFrom(int mark, int agent) {
        String host = cluster.mesos().agentIp(agent);
        return cluster.scheduler().awaitOffer(mark, o -> o.getHostname().equals(host), Duration.ofSeconds(10));
    }

    private static boolean offersFrom(Event e, String host) {
        return e.getType() == Event.Type.OFFERS
                && e.getOffers().getOffersList().stream()
                        .anyMatch(o -> o.getHostname().equals(host));
    }

    @Test
    void aDeclinedAgentIsHiddenForItsRefuseTimeWhileOthersComeBack() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer first = offerFrom(mark, 0);
        Offer second = offerFrom(mark, 1);

        cluster.scheduler().send(Calls.decline(List.of(first.getId()), Duration.ofSeconds(2)));
        cluster.scheduler().send(Calls.decline(List.of(second.getId()), Duration.ofSeconds(60)));
        int afterDecline = cluster.scheduler().mark();
        clock.add(Duration.ofMillis(1999));
        cluster.scheduler().assertNone(afterDecline, e -> e.getType() == Event.Type.OFFERS, NO_OFFER_WINDOW);

        int afterRefuseTime = cluster.scheduler().mark();
        clock.add(Duration.ofMillis(1));
        Offer again = offerFrom(afterRefuseTime, 0);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        cluster.scheduler()
                .assertNone(afterDecline, e -> offersFrom(e, cluster.mesos().agentIp(1)), NO_OFFER_WINDOW);
    }

    @Test
    void reviveClearsRefuseFilters() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer first = offerFrom(mark, 0);
        int afterDecline = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.decline(List.of(first.getId()), Duration.ofSeconds(60)));
        cluster.scheduler()
                .assertNone(afterDecline, e -> offersFrom(e, cluster.mesos().agentIp(0)), NO_OFFER_WINDOW);

        // the clock stands still: only REVIVE can bring the agent back before its 60 s are up
        int beforeRevive = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.revive(List.of(TestScheduler.ROLE)));
        offerFrom(beforeRevive, 0);
    }

    @Test
    void suppressStopsOffersUntilRevive() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer a = offerFrom(mark, 0);
        Offer b = offerFrom(mark, 1);
        cluster.scheduler().send(Calls.suppress(List.of(TestScheduler.ROLE)));
        int afterSuppress = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.decline(List.of(a.getId(), b.getId()).subList(0, 1), Duration.ZERO));
        cluster.scheduler().send(Calls.decline(List.of(b.getId()), Duration.ZERO));
        cluster.scheduler().assertNone(afterSuppress, e -> e.getType() == Event.Type.OFFERS, Duration.ofMillis(1500));

        int beforeRevive = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.revive(List.of()));
        offerFrom(beforeRevive, 0);
        offerFrom(beforeRevive, 1);
    }
}

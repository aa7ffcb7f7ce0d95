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

/** Refuse filters per agent, REVIVE and SUPPRESS. */
class OfferFiltersTest {
    @RegisterExtension
    final SchedulerOnLocalMesos cluster = new SchedulerOnLocalMesos(2);

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

        int afterDecline = cluster.scheduler().mark();
        long declinedAt = System.nanoTime();
        cluster.scheduler().send(Calls.decline(List.of(first.getId()), Duration.ofSeconds(2)));
        cluster.scheduler().send(Calls.decline(List.of(second.getId()), Duration.ofSeconds(60)));

        Offer again = offerFrom(afterDecline, 0);
        long waited = Duration.ofNanos(System.nanoTime() - declinedAt).toMillis();
        assertThat(waited).isBetween(1800L, 4000L);
        assertThat(again.getId()).isNotEqualTo(first.getId());
        cluster.scheduler()
                .assertNone(afterDecline, e -> offersFrom(e, cluster.mesos().agentIp(1)), Duration.ofMillis(500));
    }

    @Test
    void reviveClearsRefuseFilters() {
        int mark = 0; // from the start: SUBSCRIBED and the first offers may already be in
        Offer first = offerFrom(mark, 0);
        int afterDecline = cluster.scheduler().mark();
        cluster.scheduler().send(Calls.decline(List.of(first.getId()), Duration.ofSeconds(60)));
        cluster.scheduler()
                .assertNone(afterDecline, e -> offersFrom(e, cluster.mesos().agentIp(0)), Duration.ofSeconds(1));

        int beforeRevive = cluster.scheduler().mark();
        long revivedAt = System.nanoTime();
        cluster.scheduler().send(Calls.revive(List.of(TestScheduler.ROLE)));
        offerFrom(beforeRevive, 0);
        assertThat(Duration.ofNanos(System.nanoTime() - revivedAt)).isLessThan(Duration.ofSeconds(1));
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

package org.cassandramesos.bench.offer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.Evaluation;
import org.cassandramesos.scheduler.offer.OfferEvaluator;
import org.cassandramesos.scheduler.offer.PendingNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Offer evaluation as the scheduler runs it in an offer round: 10,000 offers from 1,000 agents (ten
 * racks) against one pending node under {@code hostname:UNIQUE,rack:GROUP_BY:10}, with {@code placed}
 * other nodes already on the first agents. The node is prepared once per round, then every offer is
 * read and evaluated (fits build the RESERVE/CREATE/LAUNCH protos). Baseline in the same run: just
 * reading each offer's resources.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OfferEvaluationBenchmark {
    static final int AGENTS = 1_000;
    static final int OFFERS = 10_000;

    @Param({"0", "500"})
    public int placed;

    private List<Offer> offers;
    private OfferEvaluator evaluator;
    private PendingNode pending;

    @Setup(Level.Trial)
    public void setUp() {
        ServiceConfig config = BenchCluster.config(AGENTS);
        evaluator = new OfferEvaluator(config);
        offers = BenchCluster.offers(AGENTS, OFFERS / AGENTS);
        pending = BenchCluster.pending(config, placed);
    }

    @Benchmark
    @OperationsPerInvocation(OFFERS)
    public void evaluateOffers(Blackhole bh) {
        OfferEvaluator.PreparedNode prepared = evaluator.prepare(pending);
        for (Offer offer : offers) {
            Evaluation evaluation = evaluator.evaluate(prepared, evaluator.read(offer));
            bh.consume(evaluation);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OFFERS)
    public void baselineReadOfferResources(Blackhole bh) {
        for (Offer offer : offers) {
            double total = 0;
            for (Resource resource : offer.getResourcesList()) {
                total += resource.hasScalar()
                        ? resource.getScalar().getValue()
                        : resource.getRanges().getRangeCount();
            }
            bh.consume(total);
            bh.consume(offer.getHostname());
        }
    }

    /** How many of the offers fit (printed by {@code StateFootprint} as a sanity check of the mix). */
    static long fits(OfferEvaluator evaluator, PendingNode pending, List<Offer> offers) {
        OfferEvaluator.PreparedNode prepared = evaluator.prepare(pending);
        return offers.stream()
                .filter(o -> evaluator.evaluate(prepared, evaluator.read(o)) instanceof Evaluation.Recommendation)
                .count();
    }
}

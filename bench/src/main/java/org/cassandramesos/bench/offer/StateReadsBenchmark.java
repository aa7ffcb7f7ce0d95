package org.cassandramesos.bench.offer;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.scheduler.config.NodesConfig;
import org.cassandramesos.scheduler.state.CachedPersister;
import org.cassandramesos.scheduler.state.CuratorPersister;
import org.cassandramesos.scheduler.state.TaskStore;
import org.cassandramesos.scheduler.state.ZooKeeperAccess;
import org.cassandramesos.scheduler.state.ZooKeeperClients;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The state an offer round reads, against a real ZooKeeper ({@code TestingServer}) holding {@code nodes} running nodes
 * and one more node pending: straight from ZooKeeper (the baseline, as before the cache) and through the scheduler's
 * {@link CachedPersister}, in the same run. One op is one round's reads, as {@code OfferHandler.handle} makes them for
 * one candidate that an offer does not fit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class StateReadsBenchmark {
    @Param({"3", "100"})
    public int nodes;

    private TestingServer server;
    private CuratorFramework client;
    private TaskStore uncached;
    private TaskStore cached;
    private String pending;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = new TestingServer(true);
        client = ZooKeeperClients.start(
                server.getConnectString(), Duration.ofSeconds(30), Duration.ofSeconds(10), ZooKeeperAccess.open());
        CuratorPersister zookeeper = new CuratorPersister(client, "bench");
        StateFootprint.storeRunningNodes(new TaskStore(zookeeper), BenchCluster.config(nodes + 1), nodes);
        pending = NodesConfig.nodeName(nodes);
        uncached = new TaskStore(zookeeper);
        cached = new TaskStore(new CachedPersister(zookeeper));
        long before = zookeeper.reads();
        offerRound(uncached);
        long perRound = zookeeper.reads() - before;
        offerRound(cached); // fills the cache, as the first round after leadership does
        before = zookeeper.reads();
        offerRound(cached);
        System.out.printf(
                "%nSTATE-READS nodes=%d: ZooKeeper reads per offer round: %d uncached, %d cached%n",
                nodes, perRound, zookeeper.reads() - before);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        server.close();
    }

    @Benchmark
    public void baselineUncached(Blackhole bh) {
        bh.consume(offerRound(uncached));
    }

    @Benchmark
    public void cached(Blackhole bh) {
        bh.consume(offerRound(cached));
    }

    /** What an offer round reads for one pending node that the offers do not fit. */
    private Object[] offerRound(TaskStore tasks) {
        return new Object[] {
            tasks.records(), // PendingNodes.of: seeds, own reservation
            tasks.placedExcept(pending), // PendingNodes.of: placement constraints
            tasks.record(pending), // PendingNodes.avoidedHost
            tasks.knownResourceIds(), // OfferHandler.releaseOrDecline: leftovers to release
        };
    }
}

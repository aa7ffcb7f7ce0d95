package org.cassandramesos.scheduler.leader;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only one scheduler instance of a service acts: the one holding Curator's {@link LeaderLatch} on
 * {@code <state root>/leader}. The latch's znodes are created by the scheduler's own Curator client, so they get the
 * same ACL provider (creator-only digest) as the rest of the state. A second instance waits as a candidate.
 *
 * <p>Leadership is held for the ZooKeeper session: the client is built with Curator's
 * {@code SessionConnectionStateErrorPolicy}, so a suspended connection does not give it up (the scheduler only pauses,
 * {@code StateConnection}), but a lost session does, and then {@code lost} is called once: the instance must stop
 * acting, since another one may lead by now.
 */
public final class LeaderElection implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    static final String PATH = "/leader";

    private final LeaderLatch latch;
    private final CompletableFuture<Void> elected = new CompletableFuture<>();
    private volatile boolean closed;

    private LeaderElection(CuratorFramework client, String namespace, String instance, Runnable lost) {
        this.latch = new LeaderLatch(client.usingNamespace(namespace), PATH, instance);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("this scheduler instance ({}) is the leader now", instance);
                elected.complete(null);
            }

            @Override
            public void notLeader() {
                if (!closed && elected.isDone()) {
                    lost.run();
                }
            }
        });
    }

    /**
     * Joins the election.
     *
     * @param namespace the service's state root in ZooKeeper ({@code StateRoot.namespace()}): the latch lives under it
     * @param instance this instance's name in the latch (for logs and {@link #leaderId()})
     * @param lost     called once if leadership is lost (session expired), never on {@link #stop()}
     */
    public static LeaderElection join(CuratorFramework client, String namespace, String instance, Runnable lost) {
        removeLatchesOfGoneInstances(client.usingNamespace(namespace));
        LeaderElection election = new LeaderElection(client, namespace, instance, lost);
        try {
            election.latch.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot join the leader election: " + e.getMessage(), e);
        }
        return election;
    }

    /**
     * A leader killed with SIGKILL keeps its latch znode until its ZooKeeper session expires (30 s), and no instance
     * leads meanwhile. When that leader provably ran on this machine and is gone ({@link InstanceName#provablyGone}:
     * local mode's supervisor starting the scheduler again), its znode is deleted now, so the new instance leads at
     * once. Nothing else is ever removed: an instance elsewhere may still be alive.
     */
    private static void removeLatchesOfGoneInstances(CuratorFramework client) {
        try {
            if (client.checkExists().forPath(PATH) == null) {
                return;
            }
            for (String child : client.getChildren().forPath(PATH)) {
                String node = PATH + "/" + child;
                String participant =
                        new String(client.getData().forPath(node), java.nio.charset.StandardCharsets.UTF_8);
                if (InstanceName.provablyGone(participant)) {
                    client.delete().forPath(node);
                    LOG.info(
                            "removed the leader latch of instance '{}': its process is gone from this machine, so "
                                    + "nobody waits for its ZooKeeper session to expire",
                            participant);
                }
            }
        } catch (org.apache.zookeeper.KeeperException.NoNodeException gone) {
            // removed meanwhile (its session expired): nothing to do
        } catch (Exception e) {
            LOG.debug("could not look for latches of gone instances: {}", e.toString());
        }
    }

    /** Completes once this instance is the leader. */
    public CompletableFuture<Void> elected() {
        return elected;
    }

    /** Waits up to {@code wait} to be elected. */
    public boolean awaitElected(Duration wait) throws InterruptedException {
        try {
            elected.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public boolean isLeader() {
        return latch.hasLeadership();
    }

    /** The leading instance's name, as far as this instance can tell, or "" if unknown. */
    public String leaderId() {
        try {
            return latch.getLeader().getId();
        } catch (Exception e) {
            return "";
        }
    }

    /** Leaves the election: a leader's latch znode goes at once, so a waiting instance takes over without delay. */
    @Override
    public void stop() {
        closed = true;
        try {
            latch.close();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("closing the leader latch: {}", e.toString());
        }
    }
}

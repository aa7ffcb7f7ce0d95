package org.cassandramesos.scheduler.leader;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import org.cassandramesos.scheduler.mesos.MesosService;
import org.cassandramesos.scheduler.state.StateConnection;

/**
 * Two questions kept apart. <b>Alive</b> ({@code /healthcheck}, Marathon's health check): the process serves and is
 * doing its job, which includes waiting: for leadership, for a Mesos master, for ZooKeeper. Failing it gets the
 * process killed, which helps none of those waits, so an outage does not fail it. <b>Connected</b>
 * ({@code /connected} on the admin port, 200 or 500, and the {@code connected} detail of the alive check): subscribed
 * to a Mesos master and connected to ZooKeeper right now, for monitoring. The {@code reconciled} detail says the
 * leader knows every task's state since its subscription (explicit reconciliation answered): a failover ends there.
 */
public final class SchedulerHealth {
    private final LeaderElection election;
    private final Leadership leadership;
    private final StateConnection zookeeper;
    private volatile MesosService mesos;

    public SchedulerHealth(LeaderElection election, Leadership leadership, StateConnection zookeeper) {
        this.election = election;
        this.leadership = leadership;
        this.zookeeper = zookeeper;
    }

    /** The elected instance's Mesos side, once wired. */
    public void leading(MesosService service) {
        this.mesos = service;
    }

    private boolean subscribed() {
        MesosService m = mesos;
        return m != null && m.isSubscribed();
    }

    private String role() {
        return leadership.isActing() ? "leader" : election.isLeader() ? "leader (starting)" : "standby";
    }

    private boolean reconciled() {
        MesosService m = mesos;
        return m != null && m.isReconciled();
    }

    /** Unhealthy only when the leader's Mesos side has stopped for good while the process still runs. */
    public HealthCheck alive() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                MesosService m = mesos;
                boolean broken = leadership.isActing() && m != null && !m.isRunning();
                boolean connected = zookeeper.isConnected() && (subscribed() || !leadership.isActing());
                String waiting = !zookeeper.isConnected()
                        ? "; waiting for ZooKeeper (not acting meanwhile)"
                        : leadership.isActing() && !subscribed() ? "; waiting for a Mesos master (re-subscribing)" : "";
                ResultBuilder result = broken
                        ? Result.builder()
                                .unhealthy()
                                .withMessage("the Mesos subscription has stopped; the process should have exited")
                        : Result.builder().healthy().withMessage(role() + waiting);
                return result.withDetail("role", role())
                        .withDetail("connected", connected)
                        .withDetail("mesos_subscribed", subscribed())
                        .withDetail("reconciled", reconciled())
                        .withDetail("zookeeper_connected", zookeeper.isConnected())
                        .build();
            }
        };
    }

    /** The connection checks ({@code mesos}, {@code zookeeper}), each unhealthy while its connection is down. */
    public HealthCheckRegistry connected() {
        HealthCheckRegistry registry = new HealthCheckRegistry();
        registry.register("mesos", new HealthCheck() {
            @Override
            protected Result check() {
                if (!leadership.isActing()) {
                    return Result.unhealthy("standby: not subscribed (the leader is)");
                }
                return subscribed()
                        ? Result.healthy("subscribed")
                        : Result.unhealthy("not subscribed to a Mesos master");
            }
        });
        registry.register("zookeeper", new HealthCheck() {
            @Override
            protected Result check() {
                return zookeeper.isConnected()
                        ? Result.healthy("connected")
                        : Result.unhealthy("ZooKeeper is not connected; the scheduler is not acting on offers");
            }
        });
        return registry;
    }
}

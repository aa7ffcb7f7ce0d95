package org.cassandramesos.scheduler.state;

import com.codahale.metrics.health.HealthCheck;

/** Unhealthy while the scheduler cannot reach ZooKeeper (and therefore does not act). */
public final class ZooKeeperHealthCheck extends HealthCheck {
    private final StateConnection connection;

    public ZooKeeperHealthCheck(StateConnection connection) {
        this.connection = connection;
    }

    @Override
    protected Result check() {
        return connection.isConnected()
                ? Result.healthy("connected")
                : Result.unhealthy("ZooKeeper is not connected; the scheduler is not acting on offers");
    }
}

package org.cassandramesos.scheduler.mesos;

import com.codahale.metrics.health.HealthCheck;

/** Healthy while the scheduler is subscribed to a Mesos master. */
public final class MesosHealthCheck extends HealthCheck {
    private final MesosService service;

    public MesosHealthCheck(MesosService service) {
        this.service = service;
    }

    @Override
    protected Result check() {
        return service.isSubscribed() ? Result.healthy("subscribed") : Result.unhealthy("not subscribed to a Mesos master");
    }
}

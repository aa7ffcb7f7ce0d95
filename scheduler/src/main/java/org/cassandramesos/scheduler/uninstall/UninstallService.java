package org.cassandramesos.scheduler.uninstall;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.cassandramesos.mesos.scheduler.SchedulerClient;
import org.cassandramesos.mesos.scheduler.SchedulerClientConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.scheduler.mesos.FrameworkInfos;
import org.cassandramesos.scheduler.mesos.MesosSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link UninstallScheduler} with the application: subscribes as the service's framework (the id read from
 * its state before anything is deleted), ticks, and ends the subscription once the framework is torn down, so it is
 * never registered again. Without a framework id there is nothing on Mesos to uninstall.
 */
public final class UninstallService implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(UninstallService.class);

    private final UninstallScheduler scheduler;
    private final Optional<FrameworkID> frameworkId;
    private final SchedulerClientConfig clientConfig;
    private final Duration tick;
    private final FrameworkAuthentication authentication;
    private ScheduledExecutorService ticker;
    private SchedulerClient client;

    public UninstallService(
            UninstallScheduler scheduler,
            Optional<FrameworkID> frameworkId,
            ServiceConfig config,
            URI master,
            MesosSettings settings,
            FrameworkAuthentication authentication) {
        this.scheduler = scheduler;
        this.frameworkId = frameworkId;
        this.tick = settings.tick();
        this.authentication = authentication;
        // the same credentials as the deploying scheduler: a strict master refuses an unauthenticated TEARDOWN too
        this.clientConfig = SchedulerClientConfig.of(master, FrameworkInfos.of(config), () -> frameworkId)
                .withBackoff(Duration.ofMillis(500), settings.subscribeBackoffMax())
                .withAuthorization(authentication::authorization, authentication::refused);
    }

    /** The framework being uninstalled, kept in memory: Cosmos reads it while the state is being deleted. */
    public Optional<FrameworkID> frameworkId() {
        return frameworkId;
    }

    @Override
    public synchronized void start() {
        authentication.start();
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "uninstall-tick");
            thread.setDaemon(true);
            return thread;
        });
        client = new SchedulerClient(clientConfig, scheduler).start();
        ticker.scheduleWithFixedDelay(this::tickOnce, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickOnce() {
        try {
            if (scheduler.tick()) {
                endSubscription();
            }
        } catch (RuntimeException e) {
            LOG.warn("uninstall tick failed: {}", e.toString());
        }
    }

    private synchronized void endSubscription() {
        if (client != null) {
            client.close();
            client = null;
            LOG.info("uninstall finished: no longer subscribed; the plan stays COMPLETE until Cosmos removes the app");
        }
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        authentication.stop();
    }
}

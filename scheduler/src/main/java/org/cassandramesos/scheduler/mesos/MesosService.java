package org.cassandramesos.scheduler.mesos;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.mesos.scheduler.SchedulerClient;
import org.cassandramesos.mesos.scheduler.SchedulerClientConfig;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.state.FrameworkStore;

/**
 * Runs the Mesos side with the application: the subscription (re-subscribing on its own) and the
 * scheduler thread that ticks periodically and whenever the plan changes.
 */
public final class MesosService implements Managed {
    private final CassandraScheduler scheduler;
    private final SchedulerClientConfig clientConfig;
    private final Duration tick;
    private final FrameworkAuthentication authentication;
    private ScheduledExecutorService ticker;
    private SchedulerClient client;
    private volatile Consumer<String> masterError = message -> {};

    public MesosService(
            CassandraScheduler scheduler,
            DeployPlanManager plans,
            ServiceConfig config,
            URI master,
            FrameworkStore frameworks,
            MesosSettings settings,
            FrameworkAuthentication authentication) {
        this.scheduler = scheduler;
        this.tick = settings.tick();
        this.authentication = authentication;
        this.clientConfig = SchedulerClientConfig.of(master, FrameworkInfos.of(config), frameworks::get)
                .withBackoff(Duration.ofMillis(500), settings.subscribeBackoffMax())
                .withAuthorization(authentication::authorization, authentication::refused);
        plans.addListener(this::tickSoon);
    }

    @Override
    public synchronized void start() {
        authentication.start();
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scheduler-tick");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(scheduler::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        client = new SchedulerClient(clientConfig, new Scheduler() {
                    @Override
                    public void subscribed(Mesos mesos, Event.Subscribed subscribed) {
                        scheduler.subscribed(mesos, subscribed);
                    }

                    @Override
                    public void received(Mesos mesos, Event event) {
                        scheduler.received(mesos, event);
                    }

                    @Override
                    public void disconnected() {
                        scheduler.disconnected();
                    }

                    @Override
                    public void error(String message) {
                        masterError.accept(message);
                    }
                })
                .start();
    }

    @Override
    public synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        authentication.stop();
    }

    /**
     * Called once if the master ends this framework's stream with an ERROR event (the client has stopped for good):
     * the process decides how to exit.
     */
    public void onMasterError(Consumer<String> handler) {
        this.masterError = handler;
    }

    /** Started and not stopped for good (by {@link #stop()} or an ERROR from the master). */
    public boolean isRunning() {
        SchedulerClient c = client;
        ScheduledExecutorService t = ticker;
        return c != null && !c.isStopped() && t != null && !t.isShutdown();
    }

    /** Registered with the master right now. */
    public boolean isSubscribed() {
        SchedulerClient c = client;
        return c != null && c.isSubscribed() && scheduler.isSubscribed();
    }

    /** Subscribed, and every task believed alive has answered the explicit reconciliation since. */
    public boolean isReconciled() {
        return isSubscribed() && scheduler.isReconciled();
    }

    /** A plan change may need offers revived or suppressed: do it now rather than at the next tick. */
    private void tickSoon() {
        ScheduledExecutorService t = ticker;
        if (t != null && !t.isShutdown()) {
            try {
                t.execute(scheduler::tick);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
    }
}

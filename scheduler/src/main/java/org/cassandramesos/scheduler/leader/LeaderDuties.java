package org.cassandramesos.scheduler.leader;

import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the leader runs (the Mesos subscription, the operation runner), started as soon as leadership comes, before
 * the server if this instance was elected while starting (none of it needs the server, and a takeover is shorter by the
 * server's start). Stopped in reverse order with the server.
 */
public final class LeaderDuties implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderDuties.class);

    private final List<Managed> duties = new ArrayList<>();
    private boolean started;
    private boolean stopped;

    /** Starts {@code duty} now if the server runs, else with it. */
    public synchronized void add(Managed duty) throws Exception {
        if (stopped) {
            return;
        }
        duties.add(duty);
        if (started) {
            duty.start();
        }
    }

    /** Starts the duties now, without waiting for the server; its own start is then a no-op. */
    public synchronized void startNow() throws Exception {
        start();
    }

    @Override
    public synchronized void start() throws Exception {
        if (started || stopped) {
            return;
        }
        started = true;
        for (Managed duty : duties) {
            duty.start();
        }
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        for (int i = duties.size() - 1; i >= 0; i--) {
            try {
                duties.get(i).stop();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", duties.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}

package org.cassandramesos.scheduler.mesos;

import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.MesosCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends calls like Mesos expects them to be sent: fire and forget. A refused or lost call is logged;
 * its effect is checked later through offers, updates and reconciliation, never assumed.
 */
public final class Calling {
    private static final Logger LOG = LoggerFactory.getLogger(Calling.class);

    private Calling() {}

    public static boolean send(Mesos mesos, Call call) {
        try {
            mesos.send(call);
            return true;
        } catch (MesosCallException | IllegalStateException e) {
            LOG.warn("{} not delivered: {}", call.getType(), e.getMessage());
            return false;
        }
    }
}

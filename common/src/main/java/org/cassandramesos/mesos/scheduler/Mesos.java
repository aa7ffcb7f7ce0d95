package org.cassandramesos.mesos.scheduler;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The master, as a scheduler sees it while subscribed. Calls are fire-and-forget like in Mesos:
 * their results arrive as events. The client fills in {@code framework_id} and the stream id.
 */
public interface Mesos {
    /** Sends a call; throws {@link MesosCallException} when the master refuses it (4xx/5xx) or is unreachable. */
    void send(Call call);

    FrameworkID frameworkId();
}

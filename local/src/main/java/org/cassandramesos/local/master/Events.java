package org.cassandramesos.local.master;

import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Scheduler events the master builds in several places. */
final class Events {
    private Events() {}

    static Event update(TaskStatus status) {
        return Event.newBuilder()
                .setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status))
                .build();
    }

    static Event error(String message) {
        return Event.newBuilder()
                .setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message))
                .build();
    }

    static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }
}

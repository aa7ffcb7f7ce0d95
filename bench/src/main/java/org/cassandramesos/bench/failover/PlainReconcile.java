package org.cassandramesos.bench.failover;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Calls;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.mesos.scheduler.Scheduler;
import org.cassandramesos.mesos.scheduler.SchedulerClient;
import org.cassandramesos.mesos.scheduler.SchedulerClientConfig;

/**
 * The baseline: the Mesos part of a failover and nothing else. In this already running JVM, the project's own
 * {@link SchedulerClient} SUBSCRIBEs with the framework id and explicitly reconciles the given tasks; done when every
 * one of them has answered. No JVM start, no ZooKeeper, no election, no state read: the floor a scheduler failover
 * cannot go below on this master.
 */
final class PlainReconcile {
    private PlainReconcile() {}

    /** Blocks until all {@code tasks} answered (or {@code within} passed: then throws). */
    static void run(URI master, FrameworkInfo info, FrameworkID id, Map<TaskID, AgentID> tasks, Duration within)
            throws Exception {
        Set<TaskID> unanswered = ConcurrentHashMap.newKeySet();
        unanswered.addAll(tasks.keySet());
        CountDownLatch done = new CountDownLatch(1);
        Scheduler scheduler = new Scheduler() {
            @Override
            public void subscribed(Mesos mesos, Event.Subscribed subscribed) {
                mesos.send(Calls.reconcile(tasks));
            }

            @Override
            public void received(Mesos mesos, Event event) {
                if (event.getType() == Event.Type.UPDATE
                        && unanswered.remove(event.getUpdate().getStatus().getTaskId())
                        && unanswered.isEmpty()) {
                    done.countDown();
                }
            }

            @Override
            public void disconnected() {}
        };
        try (SchedulerClient client =
                new SchedulerClient(SchedulerClientConfig.of(master, info, () -> Optional.of(id)), scheduler).start()) {
            if (!done.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(unanswered.size() + " task(s) unanswered after " + within);
            }
        }
    }
}
